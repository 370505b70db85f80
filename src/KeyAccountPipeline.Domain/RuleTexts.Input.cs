using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// The same members, names and words as branch i14-a-write's RuleTexts.cs (the input rules a form and the API share);
// copied here only so this branch builds alone. When merging, keep a-write's file and delete this one.
public static partial class RuleTexts
{
    public static readonly Localized ChangeNeedsNote = new("每次检查点变化都需要写说明。", "A note is required for every checkpoint change.");
    public static readonly Localized RegressionNeedsReason = new("倒退必须写明原因。", "A regression needs a reason in the note.");
    public static readonly Localized HoldNeedsReason = new("请写明暂停的原因。", "Say why the deal is put on hold.");
    public static readonly Localized CoachingNeedsText = new("请写下辅导意见。", "Write the coaching note.");
    public static readonly Localized NewCustomerNeedsIndustry = new("新客户需要填写行业。", "A new customer needs an industry.");
    public static readonly Localized StartNotInFuture = new("开始日期不能晚于今天。", "The pursuit cannot start in the future.");
}

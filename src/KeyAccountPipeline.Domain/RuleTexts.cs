using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

/// <summary>
/// The wording of the input rules a person can meet in a form and an API client in a 400, each written once in both
/// languages and used by the one place that checks the rule (the domain for rules about a deal's history and state, the
/// service for rules that need the database or today's date, the validator for a request's shape). The UI shows the
/// same object next to the field, so a person sees the same words whichever way the input came.
/// </summary>
public static partial class RuleTexts
{
    /// <summary>A checkpoint change without a note (checked by <see cref="Deals.Deal.RecordCheckpoint"/>).</summary>
    public static readonly Localized ChangeNeedsNote = new("每次检查点变化都需要写说明。", "A note is required for every checkpoint change.");

    /// <summary>A level going down without a note (METHOD.md: a regression needs a reason; checked by the domain).</summary>
    public static readonly Localized RegressionNeedsReason = new("倒退必须写明原因。", "A regression needs a reason in the note.");

    /// <summary>Putting a deal on hold without a reason (checked by <see cref="Deals.Deal.PutOnHold"/>).</summary>
    public static readonly Localized HoldNeedsReason = new("请写明暂停的原因。", "Say why the deal is put on hold.");

    /// <summary>A coaching note without text (checked by <see cref="Deals.Deal.AddCoachingNote"/>).</summary>
    public static readonly Localized CoachingNeedsText = new("请写下辅导意见。", "Write the coaching note.");

    /// <summary>A deal for a customer not yet known, without an industry (checked where accounts are matched: the deal service).</summary>
    public static readonly Localized NewCustomerNeedsIndustry = new("新客户需要填写行业。", "A new customer needs an industry.");

    /// <summary>A pursuit starting after today in the organisation's zone (checked by the deal service, which knows today).</summary>
    public static readonly Localized StartNotInFuture = new("开始日期不能晚于今天。", "The start date cannot be in the future.");

    /// <summary>A start date after the target close date (a request's shape: checked by its validator).</summary>
    public static readonly Localized StartNotAfterTarget = new("开始日期不能晚于目标签约日期。", "The start date cannot be after the target close date.");

    /// <summary>A veto status on someone who holds no veto (a request's shape: checked by its validator).</summary>
    public static readonly Localized VetoOnlyForVetoHolder = new("只有有否决权的人才有否决态度。", "Only a veto holder has a veto status.");

    /// <summary>A control character (a NUL…) in a one-line text (a request's shape: checked by its validator).</summary>
    public static readonly Localized ControlsInSingleLine = new(
        "'{PropertyName}' 不能包含控制字符（如 NUL）。", "'{PropertyName}' must not contain control characters (such as NUL).");

    /// <summary>A control character other than tab and line breaks in a text that may run over lines.</summary>
    public static readonly Localized ControlsInMultiLine = new(
        "'{PropertyName}' 除制表符和换行外不能包含控制字符（如 NUL）。",
        "'{PropertyName}' must not contain control characters (such as NUL) other than tabs and line breaks.");
}

using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized CustomerHelp = new("选择已有客户，或输入新客户的名称", "Pick an existing customer, or type a new one's name");
    public static readonly Localized ExistingCustomer = new("已有客户：{0} · {1}", "Existing customer: {0} · {1}");
    public static readonly Localized NewCustomer = new("新客户：请填写行业和地区", "New customer: add its industry and region");
    public static readonly Localized StartedOnHelp = new("留空表示今天", "Leave empty for today");
    public static readonly Localized Create = new("创建商机", "Create deal");
    public static readonly Localized DealCreated = new("已创建商机：{0}", "Deal created: {0}");
}

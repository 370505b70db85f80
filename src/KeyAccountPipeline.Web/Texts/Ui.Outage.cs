using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized DatabaseUnavailable = new(
        "数据库暂时无法访问，请稍后再试。",
        "The database is unavailable — try again shortly.");
    public static readonly Localized DatabaseUnavailableNotSaved = new(
        "数据库暂时无法访问，还没有保存。你填写的内容仍在这里，请稍后再点保存。",
        "The database is unavailable — nothing was saved. What you typed is still here; try again shortly.");
    public static readonly Localized TryAgain = new("重试", "Try again");
}

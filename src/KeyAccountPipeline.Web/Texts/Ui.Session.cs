using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized CircuitClosed = new(
        "你在超过 {0} 个标签页或设备上打开了本应用，这个页面已被关闭。刷新即可在这里继续。",
        "This page was closed because you opened the app in more than {0} tabs or devices. Reload to continue here.");
}

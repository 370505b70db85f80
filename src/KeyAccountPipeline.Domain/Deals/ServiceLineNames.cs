using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Deals;

/// <summary>
/// The words for each <see cref="ServiceLine"/>, in both languages: the one list the UI shows and the import reads
/// ("Contract logistics", "合同物流"). Not an extension method, so it never competes with the Web layer's <c>Label()</c>.
/// </summary>
public static class ServiceLineNames
{
    public static Localized Label(ServiceLine line) => line switch
    {
        ServiceLine.Warehousing => new("仓储", "Warehousing"),
        ServiceLine.Distribution => new("配送", "Distribution"),
        ServiceLine.Transport => new("运输", "Transport"),
        ServiceLine.ContractLogistics => new("合同物流", "Contract logistics"),
        _ => new("其他", "Other"),
    };
}

using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// The words for each service line, in both languages: the one list the UI shows (Ui.Label) and the import reads
// ("Contract logistics", "合同物流").
public static partial class RuleTexts
{
    public static Localized ServiceLineLabel(ServiceLine line) => line switch
    {
        ServiceLine.Warehousing => new("仓储", "Warehousing"),
        ServiceLine.Distribution => new("配送", "Distribution"),
        ServiceLine.Transport => new("运输", "Transport"),
        ServiceLine.ContractLogistics => new("合同物流", "Contract logistics"),
        _ => new("其他", "Other"),
    };
}

using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using F = KeyAccountPipeline.Domain.Playbooks.Factor;

namespace KeyAccountPipeline.Data.Seed;

/// <summary>
/// Fills an empty database with a logistics sales team's pipeline: what a new user sees first.
/// Everything is built through the domain methods, back-dated relative to <see cref="OrgCalendar.Today"/>,
/// so the board shows every stage and every signal (stalled, busy but stuck, regressed) on the day it runs.
/// The data is deterministic: fixed ids for people, accounts and deals, and a seeded random for the small
/// variations (recording delays, the odd skipped level).
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<PipelineDbContext> contexts, PlaybookStore playbooks, OrgCalendar calendar, ILogger<DemoSeeder> logger)
{
    public const string EmailDomain = "demo.keyaccount.cn";

    /// <summary>Every demo person signs in with this password (README); demo-seed mode only.</summary>
    public const string Password = "pipeline2026";

    /// <summary>Returns false and adds nothing when the database already holds any person or deal (idempotent).</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.People.AnyAsync(cancellationToken) || await db.Deals.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo data skipped: the database already holds people or deals");
            return false;
        }

        var playbook = await playbooks.CurrentAsync(cancellationToken);
        var people = People();
        var accounts = Accounts();
        var writer = new Writer(playbook, calendar, calendar.Now, new Random(42), Manager);
        var deals = Plans().Select(plan => writer.Build(plan, accounts[plan.Account - 1])).ToList();

        db.People.AddRange(people);
        db.Accounts.AddRange(accounts);
        db.Deals.AddRange(deals);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data seeded: {People} people, {Accounts} accounts, {Deals} deals",
            people.Count, accounts.Count, deals.Count);
        return true;
    }

    // ---- people -------------------------------------------------------------------------------

    private static readonly Guid Manager = PersonId(1);
    private static readonly Guid WangLei = PersonId(2);
    private static readonly Guid LiNa = PersonId(3);
    private static readonly Guid ZhangWei = PersonId(4);
    private static readonly Guid LiuYang = PersonId(5);
    private static readonly Guid ChenJing = PersonId(6);
    private static readonly Guid YangFan = PersonId(7);

    private static Guid PersonId(int n) => new($"5eed0001-0000-0000-0000-{n:D12}");

    private static Guid AccountId(int n) => new($"5eed0002-0000-0000-0000-{n:D12}");

    private static Guid DealId(int n) => new($"5eed0003-0000-0000-0000-{n:D12}");

    /// <summary>The demo sign-ins, listed on the sign-in page in demo mode (and in the README).</summary>
    public static IEnumerable<(string Email, Role Role)> SignIns => People().Select(p => (p.Email, p.Role));

    private static List<Person> People() =>
    [
        new(Manager, "赵建国 Zhao Jianguo", $"zhao.jianguo@{EmailDomain}", Role.Manager),
        new(WangLei, "王磊 Wang Lei", $"wang.lei@{EmailDomain}", Role.Rep),
        new(LiNa, "李娜 Li Na", $"li.na@{EmailDomain}", Role.Rep),
        new(ZhangWei, "张伟 Zhang Wei", $"zhang.wei@{EmailDomain}", Role.Rep),
        new(LiuYang, "刘洋 Liu Yang", $"liu.yang@{EmailDomain}", Role.Rep),
        new(ChenJing, "陈静 Chen Jing", $"chen.jing@{EmailDomain}", Role.Rep),
        new(YangFan, "杨帆 Yang Fan", $"yang.fan@{EmailDomain}", Role.Rep),
        new(PersonId(8), "周敏 Zhou Min", $"zhou.min@{EmailDomain}", Role.Admin),
    ];

    // ---- accounts (1-based numbers, used by the plans) -----------------------------------------

    private static List<Account> Accounts()
    {
        (string Name, string Industry, string Region)[] rows =
        [
            ("深圳迅联电子科技有限公司", "3C电子", "华南·深圳"),                 // 1
            ("佛山美域家电集团有限公司", "家电制造", "华南·佛山"),               // 2
            ("广州丰和汽车有限公司（日资）", "汽车整车", "华南·广州"),            // 3
            ("内蒙古澳牧乳业有限公司", "乳制品", "华北·呼和浩特"),               // 4
            ("浙江鲜丰汇生鲜连锁有限公司", "生鲜零售", "华东·杭州"),             // 5
            ("江苏康泽医药有限公司", "医药流通", "华东·南京"),                   // 6
            ("深圳跨洋优品电子商务有限公司", "跨境电商", "华南·深圳"),           // 7
            ("上海洁宝日化有限公司", "快消品（日化）", "华东·上海"),             // 8
            ("宁波精锐汽车零部件有限公司", "汽车零部件", "华东·宁波"),           // 9
            ("山东齐海精细化工有限公司", "化工", "华北·淄博"),                   // 10
            ("成都百汇连锁超市有限公司", "零售连锁", "西南·成都"),               // 11
            ("四川蜀韵酒业股份有限公司", "酒水饮料", "西南·宜宾"),               // 12
            ("杭州贝爱母婴用品有限公司", "母婴电商", "华东·杭州"),               // 13
            ("北京安康医疗器械有限公司", "医疗器械", "华北·北京"),               // 14
            ("江苏晶阳光伏科技有限公司", "新能源（光伏）", "华东·常州"),         // 15
            ("湖南味湘餐饮管理有限公司", "餐饮连锁", "华中·长沙"),               // 16
            ("厦门锐动体育用品有限公司", "运动服饰", "华南·厦门"),               // 17
            ("广东木匠家居集团有限公司", "家居建材", "华南·佛山"),               // 18
            ("中原重科工程机械有限公司", "工程机械", "华中·郑州"),               // 19
            ("青岛海澜轮胎有限公司", "轮胎制造", "华北·青岛"),                   // 20
        ];
        return rows.Select((r, i) => new Account(AccountId(i + 1), r.Name, r.Industry, r.Region)).ToList();
    }

    // ---- stakeholder helpers --------------------------------------------------------------------

    private static StakeholderDetails Dm(string name, string title, string department, string goal) =>
        new(name, title, department, StakeholderRole.DecisionMaker, goal, null);

    private static StakeholderDetails Contact(string name, string title, string department, string goal) =>
        new(name, title, department, StakeholderRole.BusinessContact, goal, null);

    private static StakeholderDetails Veto(string name, string title, string department, string goal, VetoStatus status) =>
        new(name, title, department, StakeholderRole.VetoHolder, goal, status);

    private static StakeholderDetails Inf(string name, string title, string department, string goal) =>
        new(name, title, department, StakeholderRole.Influencer, goal, null);

    // ---- the deals ------------------------------------------------------------------------------
    // Days are "days ago" in the organisation's time zone. LastAdvance is the day of the last generated
    // upward change; Moves are explicit changes after it (regressions, late advances).

    private static IEnumerable<DealPlan> Plans()
    {
        // discover ------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 1, Account = 12, Owner = LiuYang, Title = "全国经销商分仓与配送", Line = ServiceLine.Distribution,
            Yuan = 18_000_000, StartedDaysAgo = 24, TargetInDays = 180, Final = new(2, 1, 1, 0, 0), LastAdvance = 6,
            Stated = "在成都、郑州、沈阳各建一个前置仓",
            Root = "经销商压货和窜货严重，总部看不到终端库存，需要可按批次追溯的仓配体系",
            Metric = "窜货投诉月均30起，经销商库存周转62天；目标周转35天",
            ValueProp = "批次级追溯+经销商库存可视，帮助营销中心控货控价",
            Quantified = "经销商库存周转从62天降到40天，年释放渠道资金约8,000万元",
            Competitor = "本地酒类物流公司",
            Parties =
            [
                Dm("何建平", "营销副总裁", "营销中心", "控货控价，明年经销商窜货投诉减半"),
                Contact("罗晓燕", "物流部经理", "物流部", "前置仓年内落地，运费不超预算"),
                Veto("蒋涛", "信息中心主任", "信息中心", "新系统与现有ERP对接，不增加IT人手", VetoStatus.NotContacted),
                Inf("宋文斌", "销售公司总经理", "销售公司", "旺季不断货"),
            ],
            Notes =
            {
                [(F.Need, 1)] = "与物流部经理罗晓燕深入访谈：客户提出在成都、郑州、沈阳各建一个前置仓，但物流部说不清为何选这三个城市",
                [(F.Need, 2)] = new Say("需求假设：前置仓只是手段，营销中心真正头疼的是经销商压货、窜货，总部看不到终端库存", EvidenceKind.Document, "需求假设说明 v1（已发罗经理）"),
            },
            Activities =
            [
                new(20, 10, ActivityKind.Visit, "拜访宜宾总部物流部，参观成品库和发货区"),
                new(9, 15, ActivityKind.Call, "与罗经理电话沟通，索取近一年经销商发货数据"),
                new(3, 11, ActivityKind.Email, "发送同行业酒企分仓与批次追溯案例，约下周二访谈营销中心"),
            ],
        };

        yield return new DealPlan
        {
            No = 2, Account = 1, Owner = WangLei, Title = "越南北宁工厂原材料进口及跨境陆运", Line = ServiceLine.Transport,
            Yuan = 9_500_000, StartedDaysAgo = 52, TargetInDays = 210, Final = new(1, 0, 1, 0, 0), LastAdvance = 31,
            Stated = "深圳至越南北宁的跨境陆运报价",
            Root = "越南工厂量产计划未定，真实需求尚待确认",
            Metric = "（待客户提供越南工厂量产计划和月度用量）",
            ValueProp = "跨境陆运+越南清关一站式服务",
            Quantified = "（待测算）",
            Competitor = "越南本地货代",
            Parties =
            [
                Contact("韦海峰", "采购经理", "采购部", "越南线运费比海运拼箱高不超过20%"),
                Dm("黄志远", "海外运营副总裁", "海外事业部", "越南工厂明年二季度顺利投产"),
            ],
            Notes =
            {
                [(F.Need, 1)] = "与采购经理韦海峰访谈：客户只要跨境陆运报价，越南工厂量产时间和月度用量都还没定",
                [(F.Goal, 1)] = new Say("韦经理的目标：越南线运费比海运拼箱高不超过20%，否则很难向老板交代", EvidenceKind.Call, "电话沟通"),
            },
            Activities =
            [
                new(45, 14, ActivityKind.Meeting, "在七仓项目例会后顺带了解越南工厂规划"),
                new(18, 10, ActivityKind.Email, "发送跨境陆运报价与时效表，客户未回复"),
            ],
        };

        yield return new DealPlan
        {
            No = 3, Account = 13, Owner = ChenJing, Title = "大促弹性仓配一体化", Line = ServiceLine.Distribution,
            Yuan = 6_800_000, StartedDaysAgo = 21, TargetInDays = 150, Final = new(2, 0, 1, 1, 0), LastAdvance = 4,
            Stated = "双11期间临时租用2万平米仓库",
            Root = "大促期间48小时发货率只有70%，差评集中在发货慢；缺的是弹性产能，不是面积",
            Metric = "大促峰值日单量12万单，48小时发货率70%；目标98%",
            ValueProp = "共享仓弹性产能+大促前置备货，峰值期按单计费",
            Quantified = "大促48小时发货率提升到98%，临时仓租和加班费节省约150万元",
            Competitor = "电商平台自营仓",
            Parties =
            [
                Contact("郑悦", "电商运营总监", "电商事业部", "大促48小时发货率98%以上，店铺评分不降"),
                Dm("朱海燕", "创始人兼CEO", "总经办", "今年GMV突破10亿元，物流成本占比不超过8%"),
                Veto("方志强", "财务经理", "财务部", "仓储不签长期租约，费用随单量浮动", VetoStatus.NotContacted),
            ],
            Notes =
            {
                [(F.Need, 2)] = "需求假设：客户要的不是2万平米，而是大促峰值的发货能力；去年双11差评70%与发货慢有关",
            },
            Activities =
            [
                new(18, 14, ActivityKind.Visit, "拜访杭州总部，了解去年双11爆仓情况"),
                new(8, 10, ActivityKind.Call, "与郑总监电话确认今年大促峰值单量预测"),
                new(2, 16, ActivityKind.Email, "发送共享仓弹性方案初稿"),
            ],
        };

        // qualify -------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 4, Account = 9, Owner = ZhangWei, Title = "汽车售后备件全国配送", Line = ServiceLine.Distribution,
            Yuan = 12_000_000, StartedDaysAgo = 40, TargetInDays = 150, Final = new(3, 2, 1, 0, 0), LastAdvance = 7,
            Stated = "备件从宁波发全国，要求运费降10%",
            Root = "4S店紧急订单到货慢引发索赔；没有区域备件库，紧急件只能空运",
            Metric = "紧急订单占比18%，空运费年约900万元；目标72小时到店率95%",
            ValueProp = "宁波中心仓+3个区域前置库，紧急件改陆运次日达",
            Quantified = "空运费年减少约600万元，72小时到店率从71%提升到95%",
            Competitor = "现有零担承运商",
            Parties =
            [
                Contact("沈立群", "售后物流经理", "售后服务部", "紧急订单72小时到店率95%"),
                Dm("孔德明", "副总经理（分管售后）", "总经办", "售后业务利润率提升2个百分点"),
                Veto("陶宁", "财务总监", "财务部", "物流费用占售后收入比例不超过6%", VetoStatus.NotContacted),
                Inf("邱斌", "IT经理", "信息部", "WMS与SAP接口两周内上线"),
            ],
            Notes =
            {
                [(F.Need, 3)] = "沈经理确认：降运费只是表面，真正的痛点是紧急件到店慢引发4S店索赔，空运费是结果不是原因",
            },
            Activities =
            [
                new(30, 10, ActivityKind.Visit, "参观宁波备件库，了解紧急订单处理流程"),
                new(15, 15, ActivityKind.Call, "与沈经理核对紧急订单数据口径"),
                new(4, 11, ActivityKind.Email, "沈经理已向孔总推荐我司，发邮件约下周会面"),
            ],
        };

        yield return new DealPlan
        {
            No = 5, Account = 10, Owner = LiuYang, Title = "危化品（3类、8类）公路运输", Line = ServiceLine.Transport,
            Yuan = 22_000_000, StartedDaysAgo = 75, TargetInDays = 120, Final = new(3, 1, 1, 1, 0), LastAdvance = 42,
            Stated = "现有承运商涨价，想多找一家备选",
            Root = "去年发生两起承运商运输违规，安全总监要的是合规可控的危化品运输，不只是备选报价",
            Metric = "月均发运420车次，去年违规事件2起；目标零事故、GPS在线率100%",
            ValueProp = "专职危化品车队+全程视频监控+24小时应急响应",
            Quantified = "违规风险归零，保住化工园区安全评级",
            Competitor = "本地危化品运输车队",
            Parties =
            [
                Contact("马春来", "储运部部长", "储运部", "承运商年度考核不出安全事故"),
                Dm("孙卫东", "总经理", "总经办", "通过化工园区安全评级，保障产能"),
                Veto("冯丽", "安全总监", "安全环保部", "承运商资质、车辆、司机全部可追溯，零违规", VetoStatus.Contacted),
                Veto("韩梅", "采购经理", "采购部", "运费涨幅控制在5%以内", VetoStatus.Contacted),
            ],
            Activities =
            [
                new(60, 10, ActivityKind.Visit, "首次拜访储运部，了解承运商考核办法"),
                new(19, 10, ActivityKind.Visit, "再次拜访储运部，客户仍在比较三家承运商资质，未给出时间表"),
                new(15, 15, ActivityKind.Call, "电话约安全总监，对方出差，会面未约成"),
                new(11, 10, ActivityKind.Visit, "陪同马部长参观我司危化品车队停车场和监控中心"),
                new(6, 14, ActivityKind.Meeting, "参加客户承运商安全交流会，未见到总经理"),
                new(2, 16, ActivityKind.Call, "询问招标时间，马部长表示仍在内部讨论"),
            ],
        };

        yield return new DealPlan
        {
            No = 6, Account = 14, Owner = LiNa, Title = "医疗器械第三方物流（GSP仓储+全国配送）", Line = ServiceLine.ContractLogistics,
            Yuan = 15_000_000, StartedDaysAgo = 80, TargetInDays = 120, Final = new(4, 4, 4, 3, 2), LastAdvance = 12,
            Stated = "现有仓库租约到期，需要一个新仓",
            Root = "自建仓GSP合规压力大，去年飞检两次整改；真正要的是合规外包，而不是换个仓",
            Metric = "SKU 3,200个，日均出库600单，温控品占15%；目标飞检零缺陷、订单准确率99.95%",
            ValueProp = "GSP合规仓+全程追溯系统，合规风险交给专业方",
            Quantified = "仓储运营成本年降约180万元，免去合规整改投入",
            Competitor = "医药流通企业的自有物流",
            Parties =
            [
                Dm("孙立平", "运营副总裁", "运营中心", "明年飞行检查零缺陷，运营成本降10%"),
                Contact("高静", "物流经理", "物流部", "年内完成仓库搬迁，不影响医院供货"),
                Veto("罗斌", "质量负责人", "质量部", "仓储全程符合GSP，温控数据可追溯", VetoStatus.Agreed),
                Veto("唐晓", "财务经理", "财务部", "外包费用不超过自营成本", VetoStatus.Contacted),
            ],
            Swaps =
            [
                new(2, 10.5, "孙立平", Dm("郑涛", "运营副总裁（新任）", "运营中心", "尚未会面，目标待了解")),
            ],
            Moves =
            [
                new(2, 11, F.Power, 2, "决策人离职：运营副总裁孙立平已离职，新任副总裁郑涛上周到岗，尚不了解我方方案；高经理承诺安排会面",
                    EvidenceKind.Call, "与物流经理高静电话确认人事变动"),
            ],
            Activities =
            [
                new(20, 10, ActivityKind.Meeting, "与质量部逐条走查GSP条款"),
                new(9, 14, ActivityKind.Visit, "向孙总汇报方案修订稿"),
                new(2, 9.5, ActivityKind.Call, "高经理来电：孙总已离职"),
            ],
        };

        yield return new DealPlan
        {
            No = 9, Account = 2, Owner = ChenJing, Title = "华南经销商干线+城配", Line = ServiceLine.Distribution,
            Yuan = 26_000_000, StartedDaysAgo = 35, TargetInDays = 200, Final = new(3, 2, 2, 1, 0), LastAdvance = 5,
            Stated = "仓储外包之后，配送也一起报价",
            Root = "经销商投诉送货不准时，家电大件破损率高，仓和车两头衔接不上",
            Metric = "日均发货380车，破损率0.6%，准时率85%；目标破损率0.2%、准时率95%",
            ValueProp = "仓配一体：出库即排车，大件专用车辆减少破损",
            Quantified = "破损率降到0.2%，年减少赔付约300万元",
            Competitor = "现有三家区域承运商",
            Parties =
            [
                Dm("黎伟雄", "物流公司总经理", "美域物流公司", "仓配一体后物流总成本降8%"),
                Contact("冯嘉欣", "运输主管", "美域物流公司运输部", "经销商送货投诉减半"),
                Inf("梁嘉怡", "仓储经理", "物流部", "出库与装车无缝衔接"),
            ],
            Activities =
            [
                new(28, 10, ActivityKind.Meeting, "在仓储项目周会上了解配送现状"),
                new(10, 15, ActivityKind.Visit, "走访两家经销商了解收货问题"),
                new(3, 11, ActivityKind.Call, "冯主管已向黎总推荐，约下周见面"),
            ],
        };

        // access --------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 7, Account = 11, Owner = YangFan, Title = "320家门店共同配送", Line = ServiceLine.Distribution,
            Yuan = 28_000_000, StartedDaysAgo = 58, TargetInDays = 150, Final = new(3, 3, 2, 1, 1), LastAdvance = 9,
            Stated = "门店配送运费太高，要求报价对比",
            Root = "门店订货分散、车辆装载率只有55%，缺少共同配送和统一排线",
            Metric = "日均配送门店320家，装载率55%，到店准时率82%；目标装载率80%、准时率95%",
            ValueProp = "共同配送+智能排线，提高装载率，而不是压低单价",
            Quantified = "车辆从68台降到50台，年节省运费约420万元",
            Competitor = "本地城配车队",
            Parties =
            [
                Dm("吴国强", "总经理", "总经办", "新开50家门店，物流成本率不升"),
                Contact("杜红", "物流中心经理", "物流中心", "到店准时率95%，门店投诉减半"),
                Veto("谢军", "财务总监", "财务部", "配送费用率从3.8%降到3.2%", VetoStatus.Contacted),
                Inf("林小雨", "门店营运总监", "营运部", "早上7点前到店，不影响开门上货"),
            ],
            Activities =
            [
                new(25, 10, ActivityKind.Visit, "跟车调研两条配送线路，记录卸货等待时间"),
                new(12, 15, ActivityKind.Meeting, "与物流中心讨论排线数据"),
                new(5, 11, ActivityKind.Email, "发送装载率分析报告"),
            ],
        };

        yield return new DealPlan
        {
            No = 8, Account = 15, Owner = ZhangWei, Title = "光伏组件出口集港运输（常州—上海/宁波港）", Line = ServiceLine.Transport,
            Yuan = 16_000_000, StartedDaysAgo = 70, TargetInDays = 90, Final = new(3, 3, 2, 1, 0), LastAdvance = 31,
            Stated = "集港运输单价比现在低8%",
            Root = "出运集中时港区爆仓、甩柜，损失的是交期和海外客户信用，不是运费",
            Metric = "月出口约900柜，旺季甩柜率12%；目标甩柜率低于2%",
            ValueProp = "港区堆场预约+提前集港，保船期",
            Quantified = "甩柜率从12%降到2%以下，年减少滞港和改配费用约260万元",
            Competitor = "港区本地车队",
            Parties =
            [
                Dm("钱振宇", "供应链副总裁", "供应链中心", "海外订单准时出运率98%"),
                Contact("许文", "物流部经理", "物流部", "旺季不甩柜、不爆仓"),
                Veto("周琳", "采购总监", "采购部", "运费年降5%", VetoStatus.NotContacted),
            ],
            Activities =
            [
                new(40, 10, ActivityKind.Visit, "参观常州组件工厂成品库"),
                new(16, 14, ActivityKind.Email, "发送港区堆场预约方案，对方未回复"),
            ],
        };

        yield return new DealPlan
        {
            No = 10, Account = 16, Owner = YangFan, Title = "中央厨房冷链门店日配", Line = ServiceLine.Distribution,
            Yuan = 8_500_000, StartedDaysAgo = 90, TargetInDays = 90, Final = new(3, 3, 2, 1, 1), LastAdvance = 38,
            Stated = "冷链车辆外包，按车包月",
            Root = "门店食材到店温度不稳定，食品安全抽检两次不合格",
            Metric = "140家门店日配，到店温度合格率91%；目标99%",
            ValueProp = "全程温控可视+到店交接测温",
            Quantified = "到店温度合格率提升到99%，食材报损每年减少约80万元",
            Competitor = "本地冷链车队",
            Parties =
            [
                Dm("彭湘君", "董事长", "董事会", "两年内门店扩到300家，食品安全零事故"),
                Contact("谭亮", "供应链经理", "供应链部", "到店温度合格率99%"),
                Veto("曾敏", "食品安全总监", "品控部", "冷链全程温度记录可追溯", VetoStatus.Contacted),
                Veto("廖海", "财务经理", "财务部", "冷链费用占营收不超过2.5%", VetoStatus.NotContacted),
            ],
            Activities =
            [
                new(50, 10, ActivityKind.Visit, "首次拜访中央厨房"),
                new(20, 10, ActivityKind.Visit, "拜访中央厨房，客户仍在比价，讨论车辆数"),
                new(14, 14, ActivityKind.Meeting, "与谭经理、品控部开会讨论测温流程，未涉及决策时间"),
                new(10, 15, ActivityKind.Call, "电话跟进报价反馈，谭经理说要等董事长回来"),
                new(5, 10, ActivityKind.Visit, "再次拜访中央厨房，演示温控平台，客户反应一般"),
            ],
        };

        yield return new DealPlan
        {
            No = 12, Account = 4, Owner = LiNa, Title = "低温奶冷链干线及城配（华北、华东）", Line = ServiceLine.Distribution,
            Yuan = 55_000_000, StartedDaysAgo = 85, TargetInDays = 100, Final = new(4, 4, 4, 3, 2), LastAdvance = 15,
            Stated = "低温奶干线运输招标，比价",
            Root = "低温奶保质期只有21天，干线时效波动导致终端临期退货率高",
            Metric = "日均发运60车，临期退货率4.2%；目标1.5%",
            ValueProp = "干线准时+城配直送，缩短在途时间、降低临期退货",
            Quantified = "临期退货率从4.2%降到1.8%，年减少损失约1,300万元",
            Competitor = "两家全国冷链承运商",
            Parties =
            [
                Dm("包志刚", "总经理", "总经办", "低温奶华东市场份额提升3个百分点"),
                Contact("乌兰", "物流总监", "物流部", "临期退货率降到1.5%"),
                Veto("赵丽萍", "财务总监", "财务部", "冷链运费单价不高于现有承运商", VetoStatus.Opposed),
                Veto("胡斯琴", "质量总监", "质量部", "全程2-6℃，温度数据可追溯", VetoStatus.Agreed),
            ],
            Moves =
            [
                new(4, 15, F.Value, 2, "客户认为报价偏高：财务总监对比两家冷链承运商，认为我方单价高出12%；价值需要重新论证，准备临期退货损失的对比测算",
                    EvidenceKind.Meeting, "价格谈判会（财务总监、物流总监出席）"),
            ],
            Activities =
            [
                new(22, 10, ActivityKind.Visit, "呼和浩特工厂调研发运流程"),
                new(11, 14, ActivityKind.Meeting, "向包总汇报方案"),
                new(4, 10, ActivityKind.Meeting, "价格谈判会：财务总监提出单价偏高"),
            ],
        };

        // solution ------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 11, Account = 2, Owner = ChenJing, Title = "佛山成品仓外包（4万平米）", Line = ServiceLine.Warehousing,
            Yuan = 42_000_000, StartedDaysAgo = 100, TargetInDays = 60, Final = new(4, 4, 4, 3, 3), LastAdvance = 6,
            Stated = "佛山成品仓整体外包，要求仓租低于市场价",
            Root = "旺季（618、双11）出库能力不足，经销商提货排队超过6小时",
            Metric = "旺季日出库4,500立方，提货排队6小时，库存准确率98.5%；目标排队不超过1小时、准确率99.9%",
            ValueProp = "预约提货+波次拣选+旺季弹性人力",
            Quantified = "旺季出库能力提升40%，提货排队从6小时降到1小时以内",
            Competitor = "两家全国性仓储企业",
            Parties =
            [
                Dm("欧阳斌", "供应链副总裁", "供应链中心", "旺季不断货，供应链成本率降0.5个百分点"),
                Contact("梁嘉怡", "仓储经理", "物流部", "经销商提货排队不超过1小时"),
                Veto("陈卓", "IT总监", "信息中心", "WMS与SAP无缝对接，切换零停机", VetoStatus.Agreed),
                Veto("区少华", "财务总监", "财务部", "外包后仓储总成本不高于自营", VetoStatus.Contacted),
                Inf("黄敏", "销售总监", "营销中心", "旺季经销商满意度提升"),
            ],
            Activities =
            [
                new(21, 10, ActivityKind.Meeting, "方案评审会：IT确认接口方案"),
                new(13, 14, ActivityKind.Visit, "实地测量佛山仓，确认库位规划"),
                new(6, 15, ActivityKind.Meeting, "与欧阳总讨论旺季弹性人力方案"),
            ],
        };

        yield return new DealPlan
        {
            No = 13, Account = 8, Owner = WangLei, Title = "全国干线运输（工厂至8个区域仓）", Line = ServiceLine.Transport,
            Yuan = 33_000_000, StartedDaysAgo = 110, TargetInDays = 45, Final = new(4, 4, 4, 3, 2), LastAdvance = 36,
            Stated = "全国干线运输招标，价格优先",
            Root = "区域仓断货频繁，根源是干线到仓时间不稳定，补货计划无法执行",
            Metric = "月发运1,100车，到仓准时率78%，区域仓断货率6%；目标准时率95%、断货率2%",
            ValueProp = "固定班期干线+到仓预约，保障补货计划执行",
            Quantified = "区域仓安全库存可降低3天，年释放资金约2,000万元",
            Competitor = "两家合同物流企业",
            Parties =
            [
                Dm("顾明", "供应链副总裁", "供应链部", "区域仓断货率降到2%"),
                Contact("沈佳", "运输经理", "物流部", "到仓准时率95%"),
                Veto("邵华", "采购总监", "采购部", "运费不高于去年中标价", VetoStatus.Contacted),
                Veto("许嘉", "法务经理", "法务部", "合同须包含赔付上限条款", VetoStatus.NotContacted),
            ],
            Activities =
            [
                new(60, 10, ActivityKind.Meeting, "干线方案交流会"),
                new(45, 14, ActivityKind.Visit, "拜访顾总，介绍固定班期方案"),
                new(20, 10, ActivityKind.Email, "发送修订后报价，采购部未反馈"),
                new(8, 15, ActivityKind.Call, "询问定标时间，沈经理称采购部在重新评估"),
            ],
        };

        yield return new DealPlan
        {
            No = 14, Account = 7, Owner = LiuYang, Title = "美国海外仓+海运头程", Line = ServiceLine.ContractLogistics,
            Yuan = 24_000_000, StartedDaysAgo = 65, TargetInDays = 75, Final = new(4, 4, 4, 4, 3), LastAdvance = 3,
            Stated = "美国海外仓报价",
            Root = "亚马逊FBA入仓限制导致断货，需要海外仓做缓冲和补货调拨",
            Metric = "在美SKU 1,800个，断货率9%；目标3%",
            ValueProp = "海外仓缓冲+FBA补货调拨，减少断货",
            Quantified = "断货率从9%降到3%，年增销售额约4,000万元",
            Competitor = "两家海外仓服务商",
            Parties =
            [
                Dm("林浩", "CEO", "总经办", "今年美国站销售额增长50%"),
                Contact("黄蕾", "物流总监", "物流中心", "断货率3%以内，头程时效稳定在22天"),
                Veto("吴昊", "财务总监", "财务部", "物流费用占销售额不超过15%", VetoStatus.Agreed),
                Inf("陈思", "运营总监", "运营中心", "黑五前备货到位"),
            ],
            Activities =
            [
                new(25, 10, ActivityKind.Meeting, "与运营、物流一起复盘去年黑五断货"),
                new(12, 15, ActivityKind.Visit, "拜访深圳总部，演示海外仓库存看板"),
                new(3, 11, ActivityKind.Meeting, "方案评审：林总原则同意，要求下周出推进计划"),
            ],
        };

        yield return new DealPlan
        {
            No = 20, Account = 19, Owner = LiuYang, Title = "工程机械备件中心仓外包", Line = ServiceLine.Warehousing,
            Yuan = 14_000_000, StartedDaysAgo = 92, TargetInDays = 240, Final = new(4, 4, 4, 3, 2), LastAdvance = 40,
            Stated = "郑州备件仓扩建",
            Root = "备件响应慢导致设备停机索赔；需要的是备件可得率，不是更大的仓",
            Metric = "备件可得率82%，平均响应48小时；目标95%、24小时",
            ValueProp = "中心仓+服务站联动，按故障率备货",
            Quantified = "可得率提升到95%，停机索赔年减少约500万元",
            Competitor = "客户自建扩仓方案",
            Parties =
            [
                Dm("秦国庆", "副总裁（后市场）", "后市场事业部", "后市场收入占比提升到20%"),
                Contact("白雪", "备件物流经理", "备件中心", "备件可得率95%"),
                Veto("石磊", "财务总监", "财务部", "今年资本性支出冻结", VetoStatus.Opposed),
            ],
            Activities =
            [
                new(30, 10, ActivityKind.Visit, "拜访备件中心，讨论试点服务站"),
                new(22, 11, ActivityKind.Call, "白经理通知：集团冻结预算，项目延至下一财年"),
            ],
            End = Ending.Hold(22, 15, "客户预算冻结至下一财年（明年4月），项目暂停；每季度保持联络"),
        };

        // coplan --------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 15, Account = 1, Owner = WangLei, Title = "全国分仓网络（客户提出“七仓”需求）", Line = ServiceLine.Distribution,
            Yuan = 68_000_000, StartedDaysAgo = 105, TargetInDays = 60, Final = new(4, 5, 4, 4, 4), LastAdvance = 5,
            Stated = "七个仓，七仓发全国",
            Root = "消费者收货时效达不到预期，导致投诉上升、销量下滑；仓的数量只是客户设想的手段",
            Metric = "投诉率4.6%（去年1.8%），次日达覆盖率52%，日均出库1.8万单；目标投诉率2%以下、次日达覆盖率85%",
            ValueProp = "三仓网络+智能分单，以时效和投诉率为核心，而不是仓库数量",
            Quantified = "广州、武汉、天津三仓即可使次日达覆盖率达到87%，比七仓方案每年节省仓租和库存资金约1,100万元",
            Competitor = "某头部快递企业的七仓报价",
            Lead = "供应链总监梁振华",
            Parties =
            [
                Dm("李国栋", "总裁", "总裁办", "通过降低投诉提升营收和利润，今年销售额增长25%"),
                Contact("梁振华", "供应链总监", "供应链中心", "消费者投诉率降到2%以下，在销售和老板面前站稳脚跟"),
                Veto("何静", "IT总监", "信息技术部", "人工成本控制在现有水平，内部满意度提升到90%", VetoStatus.Agreed),
                Veto("钟伟", "财务总监", "财务部", "仓储物流费用占销售额不超过3.5%", VetoStatus.Agreed),
                Veto("苏敏", "法务经理", "法务部", "合同明确时效赔付条款", VetoStatus.Contacted),
                Inf("刘畅", "电商销售总监", "电商事业部", "大促期间次日达，不因物流丢单"),
            ],
            Notes =
            {
                [(F.Need, 1)] = "与供应链总监梁振华深入访谈：客户提出“七个仓，七仓发全国”；现有两个仓，投诉集中在华北、西南的收货时效",
                [(F.Need, 2)] = new Say("真实需求假设：问题不在仓的数量，而是消费者收货时效达不到预期，导致投诉上升、销量下滑", EvidenceKind.Document, "需求假设说明 v1"),
                [(F.Need, 3)] = "与供应链总监深入访谈，投诉率上升是根因：梁总监确认投诉率从1.8%升到4.6%，主要是时效；仓的数量可以讨论",
                [(F.Goal, 1)] = "供应链总监的目标：投诉率降到2%以下，在销售和老板面前站稳脚跟",
                [(F.Goal, 2)] = "总裁李国栋的目标：通过减少投诉提升营收和利润，今年销售额增长25%",
                [(F.Goal, 3)] = "相关部门目标：IT要求人工成本控制在现有水平、内部满意度提升到90%；财务要求仓储物流费用占销售额不超过3.5%",
                [(F.Value, 3)] = new Say("梁总监邮件反馈：三仓仿真结果“超出预期”，要求出正式方案", EvidenceKind.Email, "梁振华回复邮件（已存档）"),
                [(F.Value, 4)] = new Say("客户财务确认：三仓方案比七仓每年节省约1,100万元，次日达覆盖率从52%提升到87%", EvidenceKind.Document, "财务部签字的收益测算表"),
                [(F.Power, 5)] = "李总同意制订联合推进计划，指定梁总监为跟进人，要求6周内完成武汉仓试运行",
            },
            Activities =
            [
                new(30, 10, ActivityKind.Meeting, "三仓仿真结果汇报会"),
                new(15, 14, ActivityKind.Visit, "实地考察武汉候选仓库"),
                new(5, 15, ActivityKind.Meeting, "联合推进会：确认武汉仓试运行时间表"),
            ],
        };

        yield return new DealPlan
        {
            No = 16, Account = 17, Owner = YangFan, Title = "全渠道仓配一体（门店补货+电商）", Line = ServiceLine.ContractLogistics,
            Yuan = 30_000_000, StartedDaysAgo = 95, TargetInDays = 45, Final = new(5, 5, 4, 4, 4), LastAdvance = 8,
            Stated = "门店仓和电商仓分开招标",
            Root = "门店和电商库存分开，门店缺货时电商仓有货却调不动，售罄率低",
            Metric = "门店缺货率11%，当季售罄率68%；目标缺货率5%、售罄率75%",
            ValueProp = "一盘货：全渠道共享库存，门店与电商互相调拨",
            Quantified = "售罄率提升7个百分点，季末打折损失每年减少约2,600万元",
            Competitor = "两家服装专业仓配企业",
            Parties =
            [
                Dm("蔡志明", "总裁", "总裁办", "三年开到2,000家门店，库存周转天数降到90天"),
                Contact("许丽娟", "供应链总监", "供应链中心", "门店缺货率降到5%"),
                Veto("吕斌", "CIO", "信息中心", "全渠道库存系统3个月内上线", VetoStatus.Agreed),
                Veto("黄婷", "财务总监", "财务部", "物流费用率不超过4%", VetoStatus.Agreed),
                Inf("庄伟", "零售总监", "零售事业部", "新品48小时铺到所有门店"),
            ],
            Activities =
            [
                new(22, 10, ActivityKind.Meeting, "联合项目组周会"),
                new(14, 15, ActivityKind.Visit, "晋江仓现场规划"),
                new(8, 11, ActivityKind.Meeting, "蔡总听取推进计划汇报"),
            ],
        };

        yield return new DealPlan
        {
            No = 17, Account = 18, Owner = YangFan, Title = "定制家具干线+送装一体", Line = ServiceLine.Distribution,
            Yuan = 19_000_000, StartedDaysAgo = 115, TargetInDays = 60, Final = new(4, 5, 4, 4, 4), LastAdvance = 28,
            Stated = "干线运输和安装外包分别报价",
            Root = "定制家具送装分离，安装延误、破损责任不清，导致客户投诉和尾款回收慢",
            Metric = "月订单9,000单，送装投诉率5.5%，安装平均延误3.2天；目标投诉率2%、延误1天以内",
            ValueProp = "送装一体，一个责任主体对终端客户负责",
            Quantified = "送装投诉率降到2%，尾款回收周期从45天缩短到20天",
            Competitor = "家居垂直物流平台",
            Parties =
            [
                Dm("罗永康", "董事长", "董事会", "终端满意度提升，尾款回收周期缩短一半"),
                Contact("邓晓峰", "物流总监", "物流中心", "安装延误控制在1天以内"),
                Veto("关慧", "财务总监", "财务部", "送装费用占比降到5%", VetoStatus.Agreed),
                Veto("霍建", "客服总监", "客服中心", "投诉24小时内处理", VetoStatus.Contacted),
            ],
            Moves =
            [
                new(24, 10, F.Goal, 3, "目标回退：客户财务部提出新的成本目标（送装费用占比从6%降到5%），原收益测算不再成立，需要重新对照",
                    EvidenceKind.Meeting, "财务部沟通会"),
                new(16, 14, F.Goal, 4, "重新测算：干线整车+区域安装网点合并，送装费用占比降到4.8%，满足财务新目标",
                    EvidenceKind.Document, "收益测算表 v2"),
                new(9, 15, F.Need, 5, "罗董事长在经营分析会上把“送装一体”列为今年重点项目",
                    EvidenceKind.Meeting, "客户经营分析会"),
            ],
            Activities =
            [
                new(20, 10, ActivityKind.Meeting, "与财务部重新核对送装费用口径"),
                new(12, 14, ActivityKind.Visit, "佛山安装网点走访"),
                new(3, 10, ActivityKind.Meeting, "双周推进会"),
            ],
        };

        // commit --------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 18, Account = 3, Owner = LiNa, Title = "沿海集装箱JIT运输（上海4天/黄埔7天）", Line = ServiceLine.Transport,
            Yuan = 48_000_000, StartedDaysAgo = 100, TargetInDays = 30, Final = new(5, 6, 5, 5, 5), LastAdvance = 20,
            Stated = "上海、黄埔航线集装箱运输，询问我司最快时效",
            Root = "客户把集装箱当作“移动仓库”，实现零库存和JIT；要的是准时，而不是快",
            Metric = "每周36柜，准点率81%；目标按4天/7天±4小时到达，准点率98%",
            ValueProp = "按客户节拍精确交付：固定船期+堆场缓冲，上海4天、黄埔7天准点",
            Quantified = "准点率从81%提升到98%，工厂线边库存减少2天，年节省约900万元",
            Competitor = "竞争对手的快船方案（上海2天/黄埔4天）",
            Parties =
            [
                Dm("山田浩二", "总经理", "总经理室", "零库存JIT，生产线零停线"),
                Contact("吴建明", "物流课长", "生产管理部物流课", "到港时间窗口±4小时"),
                Veto("高桥健", "采购部长", "采购部", "运费与准点率挂钩", VetoStatus.Agreed),
                Veto("林晓", "法务担当", "法务部（日本总部会签）", "延误赔偿条款符合总部标准", VetoStatus.Contacted),
                Inf("陈伟", "生产管理部长", "生产管理部", "线边库存降到半天"),
            ],
            Notes =
            {
                [(F.Need, 1)] = "与物流课长吴建明访谈：客户询问上海、黄埔航线的运输时效，我方最初推荐2天/4天的快航线",
                [(F.Need, 2)] = new Say("识别真实需求：客户把集装箱当作“移动仓库”实现零库存和JIT，要的是准时而不是快", EvidenceKind.Document, "需求假设说明"),
                [(F.Need, 3)] = "吴课长确认：上海4天、黄埔7天准时到达，早到同样是问题（厂内无处存放）",
                [(F.Value, 1)] = "价值主张从“快”改为“准”：固定船期+堆场缓冲，按4天/7天精确交付",
                [(F.Value, 2)] = new Say("向吴课长演示准点交付方案，不再强调我司2天/4天的快航线", EvidenceKind.Visit, "方案交流（物流课）"),
                [(F.Value, 5)] = "山田总经理认为我方准点方案优于竞争对手的快船方案",
                [(F.Power, 6)] = new Say("山田总经理口头同意签约，合同进入日本总部会签流程", EvidenceKind.Meeting, "总经理室商务会谈"),
            },
            Activities =
            [
                new(30, 10, ActivityKind.Meeting, "试运行复盘：准点率连续4周达标"),
                new(17, 10, ActivityKind.Call, "电话询问合同审批进度：法务仍在审核延误赔偿条款"),
                new(12, 14, ActivityKind.Visit, "销售总监陪同拜访采购部，合同第7条（延误赔偿）待日本总部确认", ByManager: true),
                new(7, 11, ActivityKind.Email, "发送合同修订稿"),
                new(3, 16, ActivityKind.Call, "吴课长表示日本总部需会签，预计还要两周"),
            ],
        };

        yield return new DealPlan
        {
            No = 19, Account = 6, Owner = ZhangWei, Title = "医药冷链（2-8℃）全省配送", Line = ServiceLine.Distribution,
            Yuan = 38_000_000, StartedDaysAgo = 88, TargetInDays = 30, Final = new(5, 6, 5, 5, 5), LastAdvance = 4,
            Stated = "疫苗和生物制品配送车辆外包",
            Root = "基层医疗机构点多、批量小，冷链断链风险高，GSP追溯不完整",
            Metric = "覆盖1,600个基层网点，去年断链事件5起；目标零断链、温度数据100%上传",
            ValueProp = "全程温控+电子交接，断链零容忍",
            Quantified = "断链事件降为零，单件配送成本降12%",
            Competitor = "省内医药物流企业",
            Parties =
            [
                Dm("钱文华", "总经理", "总经办", "全省基层网点覆盖率提升到95%"),
                Contact("周丹", "物流中心主任", "物流中心", "冷链零断链"),
                Veto("夏琪", "质量副总", "质量管理部", "GSP冷链验证全部通过", VetoStatus.Agreed),
                Veto("陆鹏", "财务总监", "财务部", "冷链费用年增不超过8%", VetoStatus.Agreed),
                Veto("邹颖", "法务经理", "法务部", "赔付条款明确", VetoStatus.Agreed),
            ],
            Activities =
            [
                new(20, 10, ActivityKind.Meeting, "冷链验证报告评审"),
                new(11, 14, ActivityKind.Visit, "钱总听取试运行汇报"),
                new(4, 16, ActivityKind.Meeting, "合同条款谈判完成，待双方盖章"),
            ],
        };

        // won -----------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 21, Account = 5, Owner = ChenJing, Title = "生鲜冷链门店配送（0-4℃，180家门店）", Line = ServiceLine.Distribution,
            Yuan = 21_000_000, StartedDaysAgo = 112, TargetInDays = -15, Final = new(5, 6, 5, 5, 5), LastAdvance = 26,
            Stated = "门店冷链配送招标",
            Root = "生鲜损耗率高达6%，门店到货温度和时间都不稳定",
            Metric = "180家门店每日两配，损耗率6%；目标3.5%",
            ValueProp = "全程温度可视+定时到店，降低损耗",
            Quantified = "损耗率从6%降到3.5%，年减少损耗约1,500万元",
            Competitor = "两家区域冷链企业",
            Parties =
            [
                Dm("方建华", "总经理", "总经办", "生鲜毛利率提升2个百分点"),
                Contact("应晓", "物流总监", "物流中心", "门店到货准时率98%"),
                Veto("褚红", "食品安全经理", "品控部", "到店温度0-4℃全程留档", VetoStatus.Agreed),
                Veto("楼建", "财务总监", "财务部", "配送费率不超过销售额2%", VetoStatus.Agreed),
            ],
            Activities =
            [
                new(40, 10, ActivityKind.Visit, "门店试配送巡检"),
                new(24, 14, ActivityKind.Meeting, "合同条款谈判"),
            ],
            End = Ending.Won(18, CloseReason.Capability, "签约：三年合同，首年约2,100万元，下月1日起切换；胜出关键是到店温度全程可视"),
        };

        yield return new DealPlan
        {
            No = 22, Account = 3, Owner = LiNa, Title = "零部件入厂循环取货（Milk Run）", Line = ServiceLine.Transport,
            Yuan = 8_000_000, StartedDaysAgo = 119, TargetInDays = -40, Final = new(5, 6, 5, 5, 5), LastAdvance = 52,
            Stated = "供应商送货改为主机厂统一取货",
            Root = "供应商各自送货，厂内卸货排队，线边零件时多时少",
            Metric = "42家供应商，卸货平均等待90分钟；目标30分钟以内",
            ValueProp = "按生产节拍循环取货，定时定量到线边",
            Quantified = "卸货等待从90分钟降到25分钟，厂内零件库存减少1.5天",
            Competitor = "日系物流企业",
            Parties =
            [
                Dm("山田浩二", "总经理", "总经理室", "零库存JIT，生产线零停线"),
                Contact("吴建明", "物流课长", "生产管理部物流课", "卸货等待30分钟以内"),
                Veto("高桥健", "采购部长", "采购部", "取货费用不高于供应商自送", VetoStatus.Agreed),
            ],
            Activities =
            [
                new(80, 10, ActivityKind.Visit, "跟线调研供应商送货节拍"),
                new(55, 14, ActivityKind.Meeting, "试运行总结会"),
            ],
            End = Ending.Won(45, CloseReason.Capability, "签订三年框架合同；客户认可试运行准时率，为沿海JIT项目打下基础"),
        };

        // lost ----------------------------------------------------------------------------------
        yield return new DealPlan
        {
            No = 23, Account = 8, Owner = WangLei, Title = "电商仓（上海嘉定，2万平米）", Line = ServiceLine.Warehousing,
            Yuan = 9_000_000, StartedDaysAgo = 118, TargetInDays = -50, Final = new(4, 4, 4, 3, 2), LastAdvance = 62,
            Stated = "嘉定电商仓外包，按平米报价",
            Root = "大促期间电商订单积压，发货时效差",
            Metric = "日均8,000单，大促峰值5万单，24小时发货率80%；目标97%",
            ValueProp = "弹性人力+自动化分拣，大促不积压",
            Quantified = "（未完成量化）",
            Competitor = "本地仓储公司",
            Parties =
            [
                Dm("顾明", "供应链副总裁", "供应链部", "大促不积压"),
                Contact("唐琪", "电商物流经理", "电商事业部", "24小时发货率97%"),
                Veto("邵华", "采购总监", "采购部", "仓储单价低于市场均价", VetoStatus.Opposed),
            ],
            Activities =
            [
                new(90, 10, ActivityKind.Visit, "嘉定仓现场勘察"),
                new(58, 14, ActivityKind.Call, "采购部通知进入价格谈判"),
            ],
            End = Ending.Lost(55, CloseReason.Price, "客户选择报价低15%的本地仓储公司。复盘：价值停在3级，没有量化并获客户确认，价格成了唯一标准"),
        };

        yield return new DealPlan
        {
            No = 24, Account = 20, Owner = ZhangWei, Title = "轮胎出口集港及内贸海运", Line = ServiceLine.Transport,
            Yuan = 12_000_000, StartedDaysAgo = 100, TargetInDays = -20, Final = new(3, 3, 3, 2, 1), LastAdvance = 45,
            Stated = "青岛港集港运输及内贸海运报价",
            Root = "旺季舱位紧张导致出口延误",
            Metric = "月出口约600柜，旺季延误率15%",
            ValueProp = "集港+订舱一体，旺季保舱",
            Quantified = "（未完成量化）",
            Competitor = "船公司旗下物流",
            Parties =
            [
                Dm("王建业", "副总经理", "总经办", "旺季出口零延误"),
                Contact("隋丽", "物流经理", "物流部", "集港费用降5%"),
                Veto("孙倩", "采购经理", "采购部", "年度招标价格最低", VetoStatus.Contacted),
            ],
            Activities =
            [
                new(60, 10, ActivityKind.Visit, "拜访物流部，了解旺季舱位问题"),
                new(30, 14, ActivityKind.Call, "询问评标结果"),
            ],
            End = Ending.Lost(20, CloseReason.Competitor, "竞争对手（船公司旗下物流）以“船+港+车”一体化打包价中标。复盘：决策人更看重舱位保障，我方价值主张没有覆盖"),
        };
    }

    // ---- plan types -----------------------------------------------------------------------------

    /// <summary>A checkpoint note, optionally with its own evidence instead of the ladder's default.</summary>
    private sealed record Say(string Note, EvidenceKind? Kind = null, string? Detail = null)
    {
        public static implicit operator Say(string note) => new(note);
    }

    private sealed record Move(int DaysAgo, double Hour, Factor Factor, int Level, string Note, EvidenceKind Kind, string Detail);

    private sealed record Act(int DaysAgo, double Hour, ActivityKind Kind, string Summary, bool ByManager = false);

    /// <summary>Replace a stakeholder (e.g. the decision maker left and a successor arrived).</summary>
    private sealed record Swap(int DaysAgo, double Hour, string OldName, StakeholderDetails New);

    private sealed record Ending(int DaysAgo, double Hour, CloseOutcome? Outcome, CloseReason Reason, string Note)
    {
        public static Ending Won(int daysAgo, CloseReason reason, string note) => new(daysAgo, 16, CloseOutcome.Won, reason, note);

        public static Ending Lost(int daysAgo, CloseReason reason, string note) => new(daysAgo, 16, CloseOutcome.Lost, reason, note);

        public static Ending Hold(int daysAgo, double hour, string reason) => new(daysAgo, hour, null, CloseReason.Other, reason);
    }

    private sealed class DealPlan
    {
        public required int No { get; init; }

        public required int Account { get; init; }

        public required Guid Owner { get; init; }

        public required string Title { get; init; }

        public required ServiceLine Line { get; init; }

        public required long Yuan { get; init; }

        public required int StartedDaysAgo { get; init; }

        public required int TargetInDays { get; init; }

        /// <summary>Levels reached by the generated climb, before any explicit <see cref="Moves"/>.</summary>
        public required Levels Final { get; init; }

        /// <summary>Days ago of the generated climb's last upward change.</summary>
        public required int LastAdvance { get; init; }

        public required string Stated { get; init; }

        public required string Root { get; init; }

        public required string Metric { get; init; }

        public required string ValueProp { get; init; }

        public required string Quantified { get; init; }

        public required string Competitor { get; init; }

        public string? Lead { get; init; }

        public IReadOnlyList<StakeholderDetails> Parties { get; init; } = [];

        public Dictionary<(Factor Factor, int Level), Say> Notes { get; } = new();

        public IReadOnlyList<Move> Moves { get; init; } = [];

        public IReadOnlyList<Swap> Swaps { get; init; } = [];

        public IReadOnlyList<Act> Activities { get; init; } = [];

        public Ending? End { get; init; }
    }

    // ---- turning plans into deals --------------------------------------------------------------

    private sealed class Writer(Playbook playbook, OrgCalendar calendar, DateTimeOffset now, Random random, Guid manager)
    {
        private readonly DateOnly _today = calendar.LocalDate(now);

        private DateTimeOffset At(int daysAgo, double hour)
        {
            var at = calendar.StartOfDay(_today.AddDays(-daysAgo)).AddHours(hour);
            return at > now ? now : at;
        }

        public Deal Build(DealPlan plan, Account account)
        {
            var startedOn = _today.AddDays(-plan.StartedDaysAgo);
            var owner = plan.Owner;
            var deal = Deal.Create(DealId(plan.No), account.Id, owner,
                new DealDetails(plan.Title, plan.Line, plan.Yuan * 100, _today.AddDays(plan.TargetInDays), startedOn),
                owner, At(plan.StartedDaysAgo, 9));
            var context = new StoryContext(plan, account, playbook);
            var ops = new List<(DateTimeOffset At, Action<DateTimeOffset> Apply)>();

            // The stakeholder map is drawn on the first day.
            var map = new Dictionary<string, Stakeholder>();
            for (var i = 0; i < plan.Parties.Count; i++)
            {
                var party = plan.Parties[i];
                ops.Add((At(plan.StartedDaysAgo, 16 + (i * 0.1)), recorded => map[party.Name] = deal.AddStakeholder(party, owner, recorded)));
            }

            // The climb: level by level, stage gate by stage gate, spread from the day after the start to the last advance.
            var climb = Climb(plan).ToList();
            var first = plan.StartedDaysAgo - 1;
            var perDay = new Dictionary<int, int>();
            for (var i = 0; i < climb.Count; i++)
            {
                var (factor, level) = climb[i];
                var daysAgo = climb.Count == 1
                    ? plan.LastAdvance
                    : first - (int)Math.Round((double)i * (first - plan.LastAdvance) / (climb.Count - 1));
                var slot = perDay.GetValueOrDefault(daysAgo);
                perDay[daysAgo] = slot + 1;
                var (note, evidence) = context.Describe(factor, level);
                var occurred = At(daysAgo, 10 + (slot * 1.25));
                ops.Add((occurred, recorded => deal.RecordCheckpoint(playbook, factor, level, note, evidence, occurred, owner, recorded, calendar)));
            }

            foreach (var move in plan.Moves)
            {
                var occurred = At(move.DaysAgo, move.Hour);
                ops.Add((occurred, recorded => deal.RecordCheckpoint(playbook, move.Factor, move.Level, move.Note,
                    new Evidence(move.Kind, move.Detail), occurred, owner, recorded, calendar)));
            }

            foreach (var swap in plan.Swaps)
            {
                ops.Add((At(swap.DaysAgo, swap.Hour), recorded =>
                {
                    deal.RemoveStakeholder(map[swap.OldName].Id, owner, recorded);
                    map[swap.New.Name] = deal.AddStakeholder(swap.New, owner, recorded);
                }));
            }

            foreach (var act in plan.Activities)
            {
                var occurred = At(act.DaysAgo, act.Hour);
                var actor = act.ByManager ? manager : owner;
                ops.Add((occurred, recorded => deal.LogActivity(act.Kind, occurred, act.Summary, actor, recorded, calendar)));
            }

            if (plan.End is { } end)
            {
                ops.Add((At(end.DaysAgo, end.Hour), recorded =>
                {
                    if (end.Outcome is { } outcome)
                    {
                        deal.Close(outcome, end.Reason, end.Note, owner, recorded);
                    }
                    else
                    {
                        deal.PutOnHold(end.Note, owner, recorded);
                    }
                }));
            }

            // Apply in time order (stable for equal instants); each entry is recorded 1-3 hours after it
            // happened, never before the previous recording and never after now.
            var lastRecorded = DateTimeOffset.MinValue;
            foreach (var (occurred, apply) in ops.OrderBy(o => o.At))
            {
                var recorded = occurred.AddMinutes(random.Next(60, 181));
                recorded = recorded < lastRecorded ? lastRecorded : recorded;
                recorded = recorded > now ? now : recorded;
                lastRecorded = recorded;
                apply(recorded);
            }

            return deal;
        }

        /// <summary>
        /// The order a rep climbs in: meet each stage's gate in turn (factors interleaved, one level at a
        /// time), then finish at the plan's levels. Now and then a level without a story is skipped.
        /// </summary>
        private IEnumerable<(Factor Factor, int Level)> Climb(DealPlan plan)
        {
            var top = playbook.TopLevels;
            var final = Clamp(plan.Final, top);
            var targets = playbook.Stages.OrderBy(s => s.Order).Select(s => s.Gate).Append(final);
            var current = Levels.Zero;
            foreach (var gate in targets)
            {
                var goal = Clamp(gate, final);
                while (!current.Meets(goal))
                {
                    foreach (var factor in Enum.GetValues<Factor>())
                    {
                        if (current[factor] >= goal[factor])
                        {
                            continue;
                        }

                        var next = current[factor] + 1;
                        if (goal[factor] - current[factor] >= 2 && !plan.Notes.ContainsKey((factor, next)) && random.NextDouble() < 0.1)
                        {
                            next++;
                        }

                        current = current.With(factor, next);
                        yield return (factor, next);
                    }
                }
            }
        }

        private static Levels Clamp(Levels levels, Levels max) => new(
            Math.Min(levels.Need, max.Need),
            Math.Min(levels.Power, max.Power),
            Math.Min(levels.Goal, max.Goal),
            Math.Min(levels.Value, max.Value),
            Math.Min(levels.Collaboration, max.Collaboration));

        private sealed class StoryContext(DealPlan plan, Account account, Playbook playbook)
        {
            private readonly string _contact = Who(plan, StakeholderRole.BusinessContact, "业务对接人");
            private readonly string _dm = Who(plan, StakeholderRole.DecisionMaker, "决策人");

            private string Lead => plan.Lead ?? _contact;

            private string GoalOf(StakeholderRole role) =>
                plan.Parties.FirstOrDefault(p => p.Role == role)?.Goal ?? "（待了解）";

            private string DepartmentGoals()
            {
                var goals = plan.Parties.Where(p => p.Role == StakeholderRole.VetoHolder && p.Goal is not null)
                    .Select(p => $"{p.Department}：{p.Goal}").ToList();
                return goals.Count > 0 ? string.Join("；", goals) : "财务关注费用占比，IT关注系统对接工作量";
            }

            public (string Note, Evidence Evidence) Describe(Factor factor, int level)
            {
                var (note, kind, detail) = Template(factor, level);
                if (plan.Notes.TryGetValue((factor, level), out var say))
                {
                    note = say.Note;
                    kind = say.Kind ?? kind;
                    detail = say.Detail ?? detail;
                }

                return (note, new Evidence(kind, detail));
            }

            private (string Note, EvidenceKind Kind, string Detail) Template(Factor factor, int level) => (factor, level) switch
            {
                (Factor.Need, 1) => ($"与{_contact}深入访谈，了解现状与痛点；客户提出的需求是“{plan.Stated}”", EvidenceKind.Visit, $"拜访{_contact}，现场查看现有作业"),
                (Factor.Need, 2) => ($"形成书面需求假设：表面需求是“{plan.Stated}”，真实需求（根因）是{plan.Root}", EvidenceKind.Document, "需求假设说明 v1"),
                (Factor.Need, 3) => ($"{_contact}确认我方对真实需求的理解：{plan.Root}", EvidenceKind.Meeting, "需求确认会纪要"),
                (Factor.Need, 4) => ($"需求已量化：{plan.Metric}", EvidenceKind.Document, "现状基线与目标指标表（客户提供数据）"),
                (Factor.Need, 5) => ($"{_dm}认可该需求的紧迫性，列为今年重点改善项目", EvidenceKind.Meeting, $"与{_dm}的高层会议"),

                (Factor.Power, 1) => ($"{_contact}已向{_dm}汇报我司参与本项目", EvidenceKind.Call, $"与{_contact}电话确认"),
                (Factor.Power, 2) => ($"{_contact}把我司推荐给{_dm}，并安排了会面", EvidenceKind.Email, "会面邀请邮件"),
                (Factor.Power, 3) => ($"与{_dm}首次会面，介绍我司在{account.Industry}行业的服务案例，了解其关注点", EvidenceKind.Visit, $"高层拜访：{_dm}"),
                (Factor.Power, 4) => ($"{_dm}认同我司的能力及方案思路", EvidenceKind.Meeting, "方案汇报会"),
                (Factor.Power, 5) => ($"{_dm}同意制订联合推进计划，指定{Lead}为跟进人", EvidenceKind.Meeting, "项目启动沟通会"),
                (Factor.Power, 6) => ($"{_dm}口头同意签署合同，进入合同审批流程", EvidenceKind.Meeting, $"与{_dm}商务会谈"),

                (Factor.Goal, 1) => ($"已了解{_contact}的目标：{GoalOf(StakeholderRole.BusinessContact)}", EvidenceKind.Visit, "业务对接人访谈记录"),
                (Factor.Goal, 2) => ($"已了解{_dm}的目标：{GoalOf(StakeholderRole.DecisionMaker)}", EvidenceKind.Meeting, "高层沟通纪要"),
                (Factor.Goal, 3) => ($"已了解相关部门的目标：{DepartmentGoals()}", EvidenceKind.Meeting, "相关部门访谈纪要"),
                (Factor.Goal, 4) => ($"方案收益已量化并与各方目标逐项对照：{plan.Quantified}", EvidenceKind.Document, "收益测算与目标对照表"),
                (Factor.Goal, 5) => ("客户认可我方方案能达成其各方目标", EvidenceKind.Meeting, "方案评审会纪要"),

                (Factor.Value, 1) => ($"基于需求和目标梳理价值主张（不讲产品优点）：{plan.ValueProp}", EvidenceKind.Document, "价值主张一页纸"),
                (Factor.Value, 2) => ($"价值主张已当面传递给{_contact}", EvidenceKind.Visit, "方案交流"),
                (Factor.Value, 3) => ($"{_contact}对我方价值有明确的积极反馈，已邮件留存", EvidenceKind.Email, "客户反馈邮件"),
                (Factor.Value, 4) => ($"价值已量化并经客户确认：{plan.Quantified}", EvidenceKind.Document, "客户确认的收益测算"),
                (Factor.Value, 5) => ($"{_dm}认为我方价值优于{plan.Competitor}", EvidenceKind.Meeting, "竞争比选会"),

                (Factor.Collaboration, 1) => ("制定推进计划草案：需求确认、方案评审、试运行、合同签署四个里程碑，明确双方负责人和时间", EvidenceKind.Document, "推进计划 v1"),
                (Factor.Collaboration, 2) => ("运营、方案、财务、法务已纳入推进计划，内部启动会完成", EvidenceKind.Meeting, "内部项目启动会"),
                (Factor.Collaboration, 3) => ($"客户指定{Lead}为项目牵头人", EvidenceKind.Email, "客户确认邮件"),
                (Factor.Collaboration, 4) => ($"{_dm}认同推进计划，要求每两周汇报进展", EvidenceKind.Meeting, "推进计划评审会"),
                (Factor.Collaboration, 5) => ("推进计划按期执行，试运行数据达标，内外部均无重大阻力", EvidenceKind.Meeting, "双周项目例会"),

                _ => ($"达到检查点：{LadderText(factor, level)}", EvidenceKind.Meeting, "推进记录"),
            };

            private string LadderText(Factor factor, int level) =>
                playbook.Factor(factor).Levels is var levels && level < levels.Count ? levels[level].Zh : $"{factor} {level}";

            private static string Who(DealPlan plan, StakeholderRole role, string fallback) =>
                plan.Parties.FirstOrDefault(p => p.Role == role) is { } p ? $"{p.Title}{p.Name}" : fallback;
        }
    }
}

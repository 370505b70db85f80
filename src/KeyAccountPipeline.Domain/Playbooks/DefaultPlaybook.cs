namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>METHOD.md's playbook: the starting point an organisation edits into its own.</summary>
public static class DefaultPlaybook
{
    public static Playbook Create() => new(1, Factors, Stages, new SignalSettings(3, 30, 7));

    private static readonly FactorDefinition[] Factors =
    [
        new(Factor.Need, new("需求", "Need"),
            new("这是客户的真实需求吗？表面需求背后的问题是什么？", "Is this the real need? What problem sits behind the stated request?"),
            [
                new("仅掌握客户提出的表面需求", "Only the customer's stated request is known"),
                new("已深入访谈业务对接人，了解现状与痛点", "Interviewed the business contact on current operations and pain points"),
                new("已识别真实需求（根因）并形成书面需求假设", "Real need (root cause) identified and written down"),
                new("客户确认我方对真实需求的理解", "Customer confirmed our understanding of the real need"),
                new("需求已量化（时效、成本、容量等指标及现状基线）", "Need quantified: service level, cost, capacity targets and today's baseline"),
                new("决策人认可该需求的紧迫性与优先级", "Decision maker agrees the need is urgent and a priority"),
            ]),
        new(Factor.Power, new("权力", "Power"),
            new("决策人是谁？是否接触过最终决策人？有否定权的部门都沟通过并同意了吗？",
                "Who is the decision maker? Have we met the final decision maker? Has every department with a veto been consulted, and has it agreed?"),
            [
                new("决策人不知道我们参与此项目", "The decision maker does not know we are in this project"),
                new("业务对接人已经向决策人告知我们参与此项目", "Our business contact has told the decision maker we are in the project"),
                new("业务对接人把我们推荐给决策人并安排会面", "Our contact recommended us to the decision maker and arranged a meeting"),
                new("已经和决策人会面并沟通", "We have met and talked with the decision maker"),
                new("决策人认同我司的能力及方案", "The decision maker accepts our capability and solution"),
                new("决策人同意制订协同计划并指定跟进人", "The decision maker agreed to a joint plan and named a follow-up person"),
                new("决策人口头同意签署合同", "The decision maker verbally agreed to sign the contract"),
            ]),
        new(Factor.Goal, new("目标", "Goal"),
            new("客户供应链总监对这个项目的目标是什么？客户老板的目标是什么？我们给客户带来的好处量化了吗？和客户的目标对比过吗？",
                "What is the supply-chain director's goal for this project? What is the owner's goal? Have we quantified our benefits and compared them with the customer's goals?"),
            [
                new("尚不了解客户决策链上各方的目标", "The goals of the customer's decision makers are unknown"),
                new("已了解业务对接人（如供应链总监）的目标", "We know our business contact's goal (e.g. the supply-chain director's)"),
                new("已了解最终决策人（如老板）的目标", "We know the final decision maker's goal (e.g. the owner's)"),
                new("已了解相关部门（技术、财务、法务等）的目标", "We know the related departments' goals (IT, finance, legal…)"),
                new("我方方案的收益已量化，并与各方目标逐项对照", "Our solution's benefits are quantified and mapped to each goal"),
                new("客户认可我方方案能达成其目标", "The customer accepts that our solution reaches their goals"),
            ]),
        new(Factor.Value, new("价值", "Value"),
            new("客户认为我们的价值是什么？价值是否已传递并获得客户认可？（通过邮件、拜访、电话核实）",
                "What does the customer see as our value? Has it been delivered and acknowledged (checked by email, visit, call)?"),
            [
                new("尚未明确我方能为客户带来的价值", "The value we bring this customer is not yet defined"),
                new("已基于需求和目标梳理出价值主张（而非产品优点）", "Value proposition written from their need and goals, not our features"),
                new("价值已通过拜访、邮件、电话等方式传递给客户", "The value was delivered to the customer (visit, email, call)"),
                new("客户对我方价值有明确的积极反馈（有记录）", "The customer responded positively to the value, on record"),
                new("价值已量化（如成本节约、时效提升）并经客户确认", "The value is quantified (cost saved, lead time gained) and confirmed by the customer"),
                new("决策人认可我方价值优于竞争对手", "The decision maker rates our value above the competitors'"),
            ]),
        new(Factor.Collaboration, new("协同", "Collaboration"),
            new("各协同部门都包含在内了吗？客户决策人认同该计划吗？客户那里有牵头人吗？公司内部有没有阻力？",
                "Are all the departments involved in the plan? Does the customer's decision maker endorse it? Is there a lead on the customer side? Is there resistance inside our company?"),
            [
                new("尚无推进计划", "No plan to move the deal forward"),
                new("已制定推进计划草案（里程碑、负责人、时间）", "Draft plan with milestones, owners and dates"),
                new("公司内部相关部门（运营、方案、财务、法务）已纳入计划", "Our own departments (operations, solutions, finance, legal) are in the plan"),
                new("客户方已指定牵头人", "The customer named a lead for the project"),
                new("客户决策人认同推进计划", "The customer's decision maker endorsed the plan"),
                new("计划按期执行，内外部均无重大阻力", "The plan runs on schedule with no major resistance inside or outside"),
            ]),
    ];

    private static readonly StageDefinition[] Stages =
    [
        new("discover", 1, new("发现需求", "Discover"), new(0, 0, 0, 0, 0), 14),
        new("qualify", 2, new("确认需求", "Qualify"), new(3, 1, 0, 0, 0), 21),
        new("access", 3, new("接触决策人", "Reach the decision maker"), new(3, 3, 2, 0, 0), 21),
        new("solution", 4, new("方案与价值", "Solution and value"), new(4, 4, 4, 3, 2), 28),
        new("coplan", 5, new("协同推进", "Joint plan"), new(4, 5, 4, 4, 4), 21),
        new("commit", 6, new("口头承诺", "Verbal commitment"), new(5, 6, 5, 5, 5), 14),
    ];
}

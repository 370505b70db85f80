using System.Collections;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Notifications;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The shared input rules without a database: every text field of every validated request refuses control characters
/// (so a new field added without the rule fails here), and the JSON converters never round a number or take an
/// instant's zone from the host.
/// </summary>
public sealed class ValidationCoverageTests
{
    /// <summary>A NUL inside an otherwise plausible value: not blank, not too long, even a well-formed email.</summary>
    private const string Hostile = "a\u0000@b.cn";

    private static IEnumerable<Type> ValidatorTypes() =>
        // The services' requests are validated beside them in Data; the Web's own (users, playbook, reviews, sign-in) in Web.
        new[] { typeof(CreateDealValidator).Assembly, typeof(PlaybookDocumentValidator).Assembly }
            .SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && !t.IsNested && RequestOf(t) is not null);

    public static TheoryData<Type> Validators()
    {
        var data = new TheoryData<Type>();
        foreach (var type in ValidatorTypes())
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void EveryRequestOfTheApiHasItsValidatorHere()
    {
        var requests = ValidatorTypes().Select(t => RequestOf(t)!.Name).ToList();

        Assert.Contains("CreateDealRequest", requests);
        Assert.Contains("HoldReviewRequest", requests);
        Assert.Contains("PlaybookDocument", requests);
        Assert.Contains("TokenRequest", requests);
        Assert.Contains("CreateUserRequest", requests);
        Assert.True(requests.Count >= 15, string.Join(", ", requests));
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void EveryTextFieldRefusesANul(Type validatorType)
    {
        var validator = Create(validatorType);
        var paths = new List<string>();
        var request = Build(RequestOf(validatorType)!, string.Empty, paths)!;

        var failed = validator.Validate(new ValidationContext<object>(request)).Errors.Select(e => e.PropertyName).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = paths.Where(p => !failed.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"{validatorType.Name} accepts a NUL in: {string.Join(", ", missing)}");
    }

    /// <summary>
    /// A rule worded in both languages is shown in a form with its own words, not the generic "Choose one from the list." that
    /// a custom check (Must) otherwise gets: a webhook that is not http(s) on the channels page, a visit proving too many checkpoints.
    /// </summary>
    [Theory]
    [InlineData("en-US", "The webhook URL must be an absolute http(s) address.", "A visit proves at most 5 checkpoints")]
    [InlineData("zh-CN", "Webhook 地址必须是完整的 http(s) 地址。", "一次拜访最多证明 5 个检查点")]
    public void AFormShowsARulesOwnWordsNotAGenericOne(string culture, string webhook, string visit)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            var channel = (ChannelRequestValidator)Create(typeof(ChannelRequestValidator));
            var bad = channel.Validate(new ChannelRequest("weCom", "Group", true, true, null, "qyapi.weixin.qq.com/no-scheme", null, null, null, null, null, null, null, null));
            Assert.Equal(webhook, Components.Shared.FieldErrors.Wording(Assert.Single(bad.Errors, e => e.PropertyName.Equals("webhookUrl", StringComparison.OrdinalIgnoreCase))));

            var six = Enumerable.Range(0, 6).Select(_ => new ProvedCheckpointRequest(Factor.Need, 1)).ToList();
            var tooMany = new RecordVisitValidator().Validate(new RecordVisitRequest(Domain.Deals.ActivityKind.Visit, "Met", null, six, 1));
            var wording = Components.Shared.FieldErrors.Wording(Assert.Single(tooMany.Errors, e => e.PropertyName.Equals("checkpoints", StringComparison.OrdinalIgnoreCase)));
            Assert.Contains(visit, wording, StringComparison.Ordinal);
            Assert.NotEqual(Texts.Ui.InvalidChoice.Current, wording);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0007)]
    [InlineData(0x001b)]
    [InlineData(0x007f)]
    [InlineData(0x0085)]
    [InlineData(0xd800)] // a lone surrogate: broken UTF-16, which PostgreSQL cannot store either
    public void NoControlCharacterIsAllowedInANote(int control)
    {
        var result = new CheckpointValidator().Validate(new CheckpointRequest(Factor.Need, 1, "before" + (char)control + "after", null, null, 1));

        Assert.Contains(result.Errors, e => e.ErrorCode == RuleExtensions.ControlCharacters);
    }

    [Fact]
    public void ANoteKeepsTabsAndLineBreaksButATitleDoesNot()
    {
        var note = new CheckpointValidator().Validate(new CheckpointRequest(Factor.Need, 1, "line one\r\n\tline two 中文 😀", null, null, 1));
        var title = new UpdateDealValidator().Validate(new UpdateDealRequest("line one\nline two", Domain.Deals.ServiceLine.Transport, 1m, new(2027, 1, 1), new(2026, 1, 1), 1));

        Assert.True(note.IsValid, string.Join("; ", note.Errors));
        Assert.Contains(title.Errors, e => e.PropertyName.Equals("title", StringComparison.OrdinalIgnoreCase) && e.ErrorCode == RuleExtensions.ControlCharacters);
    }

    /// <summary>The validator, given what it asks for: the channels' validator knows the app's own addresses (none listening here).</summary>
    private static IValidator Create(Type validatorType)
    {
        var constructor = validatorType.GetConstructors().Single();
        return (IValidator)constructor.Invoke(constructor.GetParameters().Select(p => p.ParameterType == typeof(SelfAddresses)
            ? new SelfAddresses(NotificationPublicUrl.For(new Uri("https://pipeline.example.cn")), new NoServer(), new HttpContextAccessor())
            : throw new InvalidOperationException($"{validatorType.Name} asks for a {p.ParameterType.Name}: say here how to make one")).ToArray());
    }

    /// <summary>A server that listens nowhere.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private static Type? RequestOf(Type validator)
    {
        for (var type = validator.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>An instance with every string (at any depth, one element per list) set to <see cref="Hostile"/>; their paths in <paramref name="paths"/>.</summary>
    private static object? Build(Type type, string path, List<string> paths)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            paths.Add(path);
            return Hostile;
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type.IsValueType)
        {
            return type == typeof(DateOnly) ? new DateOnly(2026, 6, 1)
                : type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)
                : Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)))
        {
            // Keyed by names from a closed list (the notification kinds): a key is never free text, so the map stays empty.
            return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()));
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Build(element, $"{path}[0]", paths));
            return list;
        }

        string Child(string name) => (path.Length == 0 ? string.Empty : path + ".") + JsonNamingPolicy.CamelCase.ConvertName(name);
        if (type.GetConstructor(Type.EmptyTypes) is { } empty)
        {
            var instance = empty.Invoke(null);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
            {
                property.SetValue(instance, Build(property.PropertyType, Child(property.Name), paths));
            }

            return instance;
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Build(p.ParameterType, Child(p.Name!), paths)).ToArray());
    }
}

/// <summary>
/// The converters on their own, with the host's zone moved far from the organisation's: a timestamp means the same
/// instant on every host, or is refused. Not run in parallel: it changes the process's local zone for a moment.
/// </summary>
[Collection(nameof(HostZoneCollection))]
public sealed class JsonInputTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ExactDecimalConverter(), new OffsetRequiredConverter() },
    };

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("UTC")]
    public void ATimestampMeansTheSameInstantWhateverTheHostZone(string hostZone)
    {
        var before = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", hostZone);
            TimeZoneInfo.ClearCachedData();
            Assert.Equal(hostZone == "UTC" ? TimeSpan.Zero : TimeZoneInfo.FindSystemTimeZoneById(hostZone).BaseUtcOffset, TimeZoneInfo.Local.BaseUtcOffset);

            var withOffset = JsonSerializer.Deserialize<Stamp>("""{"at":"2026-11-29T20:00:00+08:00"}""", Options)!;
            var utc = JsonSerializer.Deserialize<Stamp>("""{"at":"2026-11-29T12:00:00Z"}""", Options)!;
            var error = Assert.Throws<JsonInputException>(() => JsonSerializer.Deserialize<Stamp>("""{"at":"2026-11-29T20:00:00"}""", Options));

            Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), withOffset.At);
            Assert.Equal(withOffset.At, utc.At);
            Assert.Contains("UTC offset", error.Message, StringComparison.Ordinal);
            Assert.Equal("$.at", error.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", before);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Theory]
    [InlineData("\"2026-11-29\"")]
    [InlineData("\"2026-11-29T20:00\"")]
    [InlineData("\"2026-11-29T20:00:00+0800\"")]
    [InlineData("\"0001-01-01T00:00:00+14:00\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1764417600")]
    public void AnInstantWithoutAnOffsetOrNotATimestampIsRefused(string json)
    {
        Assert.Throws<JsonInputException>(() => JsonSerializer.Deserialize<Stamp>($$"""{"at":{{json}}}""", Options));
    }

    [Theory]
    [InlineData("1.999999999999999999999999999999")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1e400")]
    [InlineData("1e-400")]
    [InlineData("1e-99999999999999999999")]
    [InlineData("\"12\"")]
    public void ANumberADecimalCannotHoldExactlyIsRefused(string json)
    {
        Assert.Throws<JsonInputException>(() => JsonSerializer.Deserialize<Amount>($$"""{"value":{{json}}}""", Options));
    }

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("-0.00", "0")]
    [InlineData("125E-2", "1.25")]
    [InlineData("1e3", "1000")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void AnExactNumberIsKept(string json, string expected)
    {
        var amount = JsonSerializer.Deserialize<Amount>($$"""{"value":{{json}}}""", Options)!;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount.Value);
    }

    [Theory]
    [InlineData("\"collaboration\"", Factor.Collaboration)]
    [InlineData("\"Collaboration\"", Factor.Collaboration)]
    [InlineData("\" power \"", Factor.Power)]
    [InlineData("null", null)]
    public void AnEnumIsReadByItsName(string json, Factor? expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<Choice>($$"""{"factor":{{json}}}""", EnumOptions)!.Factor);
    }

    [Theory]
    [InlineData("\"budget\"", "'budget' is not one of: need, power, goal, value, collaboration.")]
    [InlineData("\"1\"", "'1' is not one of: need, power, goal, value, collaboration.")]
    [InlineData("\"-1\"", "'-1' is not one of: need, power, goal, value, collaboration.")]
    [InlineData("1", "Send one of: need, power, goal, value, collaboration.")]
    [InlineData("true", "Send one of: need, power, goal, value, collaboration.")]
    public void AWrongEnumNameIsRefusedWithTheNamesItTakes(string json, string message)
    {
        var error = Assert.Throws<JsonInputException>(() => JsonSerializer.Deserialize<Choice>($$"""{"factor":{{json}}}""", EnumOptions));

        Assert.Equal(message, error.Message);
        Assert.Equal("$.factor", error.Path);
    }

    [Fact]
    public void AnEnumIsWrittenByItsCamelCaseName()
    {
        Assert.Equal("""{"factor":"collaboration"}""", JsonSerializer.Serialize(new Choice(Factor.Collaboration), EnumOptions));
    }

    private static readonly JsonSerializerOptions EnumOptions = new(JsonSerializerDefaults.Web) { Converters = { new ApiEnumConverter() } };

    private sealed record Choice(Factor? Factor);

    private sealed record Stamp(DateTimeOffset? At);

    private sealed record Amount(decimal? Value);
}

[CollectionDefinition(nameof(HostZoneCollection), DisableParallelization = true)]
public sealed class HostZoneCollection;

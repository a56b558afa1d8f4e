using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.FunctionalTests.Integrations;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Api;

namespace Intervention.FunctionalTests.Security;

/// <summary>
/// Child-level and driver-level personal data never crosses the boundary of its service: not in any event contract, not in
/// any answer an integrator can get. On the seeded system (<see cref="SeededSystem"/>): the seeded drivers are there to be leaked.
/// </summary>
[Collection(SeededSystem.Name)]
public sealed class PrivacyBoundaryTests(SeededSystem seeded, ITestOutputHelper output)
{
    /// <summary>
    /// Field names that carry a person's identity (compared without case, underscores or hyphens). A bare "name" is left to the
    /// value check below: functions and bodies have names too.
    /// </summary>
    private static readonly HashSet<string> PersonalFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "firstname", "lastname", "surname", "forename", "fullname", "givenname", "familyname", "drivername", "childname",
        "dateofbirth", "dob", "birthdate", "mcdob", "upn", "uniquepupilnumber", "postcode", "homepostcode", "placementpostcode",
        "homepost", "plpost", "ninumber", "nationalinsurancenumber", "address", "drivinglicencenumber", "email", "phone",
        "localid", "childid", "mother",
    };

    private static bool IsPersonal(string field) => PersonalFields.Contains(field.Replace("_", "").Replace("-", ""));

    private const string ChildRefMarker = "CR-0123456789ABCDEF0123";
    private const string LicenceMarker = "PH-000987";
    private const string PoliceScope = "intervention.events.police";

    /// <summary>An integrator with the role alone (public events only), and one whose token's scope names the police audience.</summary>
    private static IEnumerable<(string Audience, string Token)> IntegratorTokens(AspireSystem system) =>
    [
        ("public-only integrator", system.Tokens.Mint("privacy-public-integrator", ["integrator"], TimeSpan.FromHours(1))),
        ("police integrator", system.Tokens.Mint("privacy-police-integrator", ["integrator"], TimeSpan.FromHours(1), scope: PoliceScope)),
    ];

    private static IReadOnlySet<string> Names(IEnumerable<Type> types) => types.Select(t => t.FullName!).ToHashSet();

    [Fact]
    public void Every_event_contract_declares_who_may_receive_it_and_none_an_integrator_may_receive_carries_a_child_or_the_Stovewood_flag()
    {
        var events = typeof(DirectionsIssued).Assembly.GetExportedTypes()
            .Where(t => t.Namespace?.StartsWith("Intervention.Contracts.", StringComparison.Ordinal) == true && !t.Namespace.EndsWith(".Http", StringComparison.Ordinal)
                        && t.GetProperty("EventId") is not null && t.GetProperty("OccurredAt") is not null)
            .ToList();
        Assert.Equal(events.Select(t => t.FullName).Order(), EventAudiences.Events.Select(t => t.FullName).Order());
        var unclassified = events.Where(t => t.GetCustomAttribute<ClassifiedAttribute>() is null).Select(t => t.Name).ToList();
        Assert.True(unclassified.Count == 0, "no classification: " + string.Join(", ", unclassified));
        foreach (var type in events.Where(t => t.GetCustomAttribute<ClassifiedAttribute>()!.Classification != EventClassification.Internal))
        {
            Assert.DoesNotContain(type.GetProperties(), p => p.Name.Contains("Stovewood", StringComparison.OrdinalIgnoreCase) || p.Name.StartsWith("Child", StringComparison.Ordinal));
            if (type.GetCustomAttribute<ClassifiedAttribute>()!.Classification == EventClassification.Public)
                Assert.DoesNotContain(type.GetProperties(), p => p.Name.Contains("Licence", StringComparison.Ordinal));
        }
        output.WriteLine(string.Join('\n', events.Select(t => $"{t.Name}: {t.GetCustomAttribute<ClassifiedAttribute>()!.Classification} {string.Join(",", t.GetCustomAttribute<ClassifiedAttribute>()!.Audiences)}")));
    }

    [Fact]
    public async Task A_public_only_integrator_can_neither_subscribe_to_nor_receive_a_child_level_or_police_event_and_a_police_integrator_receives_exactly_the_public_and_police_ones()
    {
        var system = seeded.System;
        var gateway = system.Gateway;
        var all = Names(EventAudiences.Events);
        var publicEvents = Names(EventAudiences.Events.Where(t => t.GetCustomAttribute<ClassifiedAttribute>()!.Classification == EventClassification.Public));
        var policeEvents = Names(EventAudiences.Events.Where(t => t.GetCustomAttribute<ClassifiedAttribute>()!.Audiences.Contains(EventAudiences.Police)));
        Assert.Equal((8, 3), (publicEvents.Count, policeEvents.Count));
        var tokens = IntegratorTokens(system).ToList();
        using var publicOnly = system.GatewayAs(tokens[0].Token);
        using var police = system.GatewayAs(tokens[1].Token);

        // What each may subscribe to, as the service lists it.
        async Task<HashSet<string>> Offered(HttpClient http) =>
            JsonDocument.Parse(await http.GetStringAsync("integrations/api/event-types")).RootElement.EnumerateArray().Select(t => t.GetProperty("type").GetString()!).ToHashSet();
        Assert.Equal(publicEvents.Order(), (await Offered(publicOnly)).Order());
        Assert.Equal(publicEvents.Union(policeEvents).Order(), (await Offered(police)).Order());

        // Asking for anything else is a 403 naming the type; the police may not have child-level events either.
        await using var receiver = await WebhookReceiver.StartAsync();
        foreach (var (http, type) in all.Except(publicEvents).Select(t => (publicOnly, t)).Concat(all.Except(publicEvents).Except(policeEvents).Select(t => (police, t))))
        {
            using var refused = await http.PostAsync("integrations/api/subscriptions", Json(new { url = $"{receiver.Address}/refused", eventTypes = new[] { type } }));
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{type}: {(int)refused.StatusCode} {problem}");
            Assert.Contains(type, problem);
            Assert.Contains("application/problem+json", refused.Content.Headers.ContentType?.ToString());
        }
        using (var mixed = await publicOnly.PostAsync("integrations/api/subscriptions", Json(new { url = $"{receiver.Address}/refused", eventTypes = publicEvents.Append(policeEvents.First()).ToArray() })))
            Assert.Equal(HttpStatusCode.Forbidden, mixed.StatusCode);
        await PostAsync(publicOnly, "integrations/api/subscriptions", JsonSerializer.Serialize(new { url = $"{receiver.Address}/public", eventTypes = publicEvents }));
        await PostAsync(police, "integrations/api/subscriptions", JsonSerializer.Serialize(new { url = $"{receiver.Address}/police", eventTypes = publicEvents.Union(policeEvents) }));

        // Events of every classification: a child placed out of the borough (internal, and a decision for the register),
        // a revocation on safeguarding grounds (police) and its decision (public). No Directions: the seeds' timeline is this
        // system's whole register (SeededSystem).
        var child = await PostAsync(gateway, "children/api/children", $$"""{"localId":"PV{{Random.Shared.Next(10_000_000, 99_999_999)}}","sex":"1","dateOfBirth":"2006-02-02","ethnicity":"WBRI","stovewood":true}""");
        var childRef = child.GetProperty("ref").GetString()!;
        var placed = await PostAsync(gateway, $"children/api/children/{child.GetProperty("id")}/episodes",
            """{"startedOn":"2017-07-03","reasonForNewEpisode":"S","legalStatus":"C2","categoryOfNeed":"N1","placementType":"K2","placementProvider":"PR4","homePostcode":"S60 1","placementPostcode":"LS6 1","weeklyCost":4200}""");
        var childDecision = placed.GetProperty("decisionId").GetString()!;
        var driver = await PostAsync(gateway, "licensing/api/drivers", """{"name":"Webhook Privacy","dateOfBirth":"1970-01-01","licenceType":"PrivateHire","appliedOn":"2016-01-04"}""");
        var licence = driver.GetProperty("licenceReference").GetString()!;
        var hearing = await PostAsync(gateway, "licensing/api/hearings", $$"""{"driverId":"{{driver.GetProperty("id")}}","heldOn":"2016-06-16","grounds":"Intelligence"}""");
        var licensingDecision = (await PostAsync(gateway, $"licensing/api/hearings/{hearing.GetProperty("id")}/decision",
            """{"outcome":"Revocation","reasons":"Risk to children","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-16"}""")).GetProperty("decision").GetProperty("decisionId").GetString()!;

        List<(string Path, string Type, string Body)> Received() => receiver.Received
            .Select(r => (r.Path, Type: JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()!, r.Body)).ToList();
        bool Got(string path, string type, string marker) => Received().Any(r => r.Path == path && r.Type == type && r.Body.Contains(marker));
        const string Decision = "Intervention.Contracts.Governance.DecisionRecorded";
        await Eventually.WaitUntilAsync(() => Task.FromResult(
                Got("/police", Decision, childDecision) && Got("/police", Decision, licensingDecision) && Got("/public", Decision, childDecision) && Got("/public", Decision, licensingDecision)
                && Got("/police", "Intervention.Contracts.Licensing.LicensingDecisionMade", licence) && Got("/police", "Intervention.Contracts.Licensing.SafeguardingConcernRaised", licence)),
            TimeSpan.FromSeconds(45), () => "not yet received: " + string.Join(", ", Received().Select(r => $"{r.Path} {r.Type}")));
        // The outbox keeps order per service: a later event of the same publishers proves the earlier ones had their chance.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var received = Received();
        Assert.DoesNotContain(received, r => r.Path == "/refused");
        Assert.All(received.Where(r => r.Path == "/public"), r => Assert.Contains(r.Type, publicEvents));
        Assert.All(received.Where(r => r.Path == "/police"), r => Assert.Contains(r.Type, publicEvents.Union(policeEvents)));
        Assert.All(received.Where(r => r.Path == "/public"), r => Assert.Empty(PersonalReferences.In(r.Body)));
        Assert.All(received, r => Assert.DoesNotContain(childRef, r.Body));
        Assert.All(received, r => Assert.DoesNotContain("stovewood", r.Body, StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"{received.Count} deliveries: " + string.Join(", ", received.GroupBy(r => r.Path).Select(g => $"{g.Key}: {string.Join(" ", g.Select(r => r.Type.Split('.').Last()).Distinct())}")));
    }

    [Fact]
    public async Task Over_plain_AMQP_each_audience_user_may_bind_only_to_the_exchanges_its_audience_may_receive()
    {
        var system = seeded.System;
        var broker = new Uri(await system.ConnectionStringAsync("messaging"));
        var results = new List<string>();
        foreach (var (audience, mayReceive) in new[]
                 {
                     (EventAudiences.Public, Names(EventAudiences.ReceivableBy(new HashSet<string>()))),
                     (EventAudiences.Police, Names(EventAudiences.ReceivableBy(new HashSet<string> { EventAudiences.Police }))),
                 })
        {
            var user = "integrator-" + audience;
            var password = Intervention.BrokerUsers.AudienceUsers.PasswordOf(Intervention.BrokerUsers.AudienceUsers.Of(audience), system.Tokens.SigningKey);
            var factory = new ConnectionFactory { HostName = broker.Host, Port = broker.Port, UserName = user, Password = password };
            await using var connection = await factory.CreateConnectionAsync($"privacy-{audience}");
            var queue = $"{user}.privacy-test";
            await using (var setup = await connection.CreateChannelAsync())
                await setup.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: true);
            foreach (var type in EventAudiences.Events)
            {
                var exchange = EventAudiences.ExchangeOf(type);
                await using var channel = await connection.CreateChannelAsync();
                string outcome;
                try
                {
                    await channel.QueueBindAsync(queue, exchange, routingKey: "");
                    outcome = "bound";
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 403)
                {
                    Assert.Contains("ACCESS_REFUSED", e.ShutdownReason.ReplyText);
                    outcome = "ACCESS_REFUSED";
                }
                results.Add($"{user} {exchange}: {outcome}");
                Assert.True((outcome == "bound") == mayReceive.Contains(type.FullName!), $"{user} on {exchange}: {outcome}");
            }
            // Its own queue only: another audience's is refused too.
            await using (var other = await connection.CreateChannelAsync())
                await Assert.ThrowsAsync<OperationInterruptedException>(() => other.QueueDeclareAsync("finance-children-placements", durable: true, exclusive: false, autoDelete: false));
        }
        output.WriteLine(string.Join('\n', results));
        Assert.Contains("integrator-public Intervention.Contracts.Children:PlacementChanged: ACCESS_REFUSED", results);
        Assert.Contains("integrator-public Intervention.Contracts.Governance:DirectionsIssued: bound", results);
        Assert.Contains("integrator-police Intervention.Contracts.Licensing:LicensingDecisionMade: bound", results);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, ContractJson.Options), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public void No_event_contract_has_a_personal_field_at_any_depth()
    {
        var events = typeof(DirectionsIssued).Assembly.GetExportedTypes()
            .Where(t => t.Namespace?.StartsWith("Intervention.Contracts.", StringComparison.Ordinal) == true && t.GetProperty("EventId") is not null && t.GetProperty("OccurredAt") is not null)
            .ToList();
        Assert.True(events.Count >= 10, $"only {events.Count} event contracts found");
        var found = events.SelectMany(e => PersonalPropertiesOf(e, e.Name, [])).ToList();
        output.WriteLine($"{events.Count} event contracts scanned: {string.Join(", ", events.Select(e => e.Name))}");
        Assert.True(found.Count == 0, "personal fields in events: " + string.Join(", ", found));
    }

    [Fact]
    public async Task No_answer_an_integrator_can_get_has_a_personal_field_or_a_seeded_drivers_name()
    {
        var system = seeded.System;
        var gateway = system.Gateway;
        // A driver whose revocation reaches the decision register: the name, NI number and address must stay in licensing.
        var driver = await PostAsync(gateway, "licensing/api/drivers",
            """{"name":"Zebedee Privacytest","dateOfBirth":"1977-07-17","licenceType":"PrivateHire","niNumber":"QQ 99 88 77 A","appliedOn":"2016-01-04","address":"1 Privacy Lane"}""");
        var hearing = await PostAsync(gateway, "licensing/api/hearings", $$"""{"driverId":"{{driver.GetProperty("id")}}","heldOn":"2016-06-15","grounds":"Zebedee's conviction"}""");
        var decisionId = (await PostAsync(gateway, $"licensing/api/hearings/{hearing.GetProperty("id")}/decision",
            """{"outcome":"Revocation","reasons":"Zebedee is not fit","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-15"}""")).GetProperty("decision").GetProperty("decisionId").GetString()!;
        await Eventually.WaitUntilAsync(async () => (await gateway.GetStringAsync("governance/api/decisions?function=licensing")).Contains(decisionId),
            TimeSpan.FromSeconds(30), () => "the revocation never reached the decision register");
        // A decision recorded in the older words, naming a child and a licence: the register keeps it, integrators never read it.
        await PostAsync(gateway, "governance/api/decisions", $$"""{"id":"{{Guid.NewGuid()}}","sourceService":"children","function":"childrens-social-care","decidedAt":"2017-07-03T09:00:00Z","authority":"Commissioners","deciderName":"Commissioner","summary":"Out-of-authority residential placement (K2, PR4, LS6) for child {{ChildRefMarker}} from 2017-07-03; see also {{LicenceMarker}} on Safeguarding grounds","keyDecision":true,"callIn":false}""");

        var scanned = 0;
        var nonEmpty = 0;
        var found = new List<string>();
        foreach (var (audience, token) in IntegratorTokens(system))
        foreach (var service in new[] { "governance", "licensing", "children", "finance" })
        {
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var baseAddress = system.ServiceAddress(service);
            using var document = JsonDocument.Parse(await new HttpClient().GetStringAsync(new Uri(baseAddress, "openapi/v1.json")));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("x-access", out var access) || access.GetString() != "Aggregate") continue;
                var uri = new Uri(baseAddress, System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{(?<n>[^}:]+)[^}]*\}", m => m.Groups["n"].Value switch
                {
                    "year" => "2017-18", "quarter" => "Q2", "function" => "licensing", _ => Guid.NewGuid().ToString(),
                }).TrimStart('/'));
                using var response = await http.GetAsync(uri);
                Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
                if (!response.IsSuccessStatusCode) continue;
                var text = await response.Content.ReadAsStringAsync();
                scanned++;
                if (text.Length > 4) nonEmpty++;
                using var answer = JsonDocument.Parse(text);
                found.AddRange(PersonalFieldsIn(answer.RootElement, $"{audience}: {service} {path.Name}"));
                found.AddRange(new[] { "Zebedee", "Privacytest", "1977-07-17", "Privacy Lane", "Fictional Road", "QQ" }.Where(text.Contains)
                    .Select(marker => $"{audience}: {service} {path.Name} contains '{marker}'"));
                // Stovewood figures are the finance team's and the Commissioners' (a label saying "excluding Stovewood" is no figure).
                found.AddRange(System.Text.RegularExpressions.Regex.Matches(text, @"""\w*stovewood\w*""\s*:", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                    .Select(m => $"{audience}: {service} {path.Name} has the field {m.Value.TrimEnd(':', ' ')}"));
                found.AddRange(PersonalReferences.In(text).Select(reference => $"{audience}: {service} {path.Name} names {reference}"));
            }
        }
        // Integrations' own answers: nothing child-level offered to either audience.
        foreach (var (audience, token) in IntegratorTokens(system))
        {
            var types = await system.GatewayAs(token).GetStringAsync("integrations/api/event-types");
            found.AddRange(new[] { "ChildBecameLookedAfter", "PlacementChanged", "ChildCeasedToBeLookedAfter" }.Where(types.Contains).Select(t => $"{audience}: event-types offers {t}"));
        }
        // The team and the Commissioners still read the register as it was recorded.
        Assert.Contains(ChildRefMarker, await gateway.GetStringAsync("governance/api/decisions?function=childrens-social-care"));
        output.WriteLine($"{scanned} integrator-visible answers scanned (public-only and police tokens), {nonEmpty} with content");
        Assert.True(nonEmpty >= 10, $"only {nonEmpty} integrator-visible answers had content: the scan would prove nothing");
        Assert.True(found.Count == 0, string.Join('\n', found));
    }


    private static IEnumerable<string> PersonalPropertiesOf(Type type, string path, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsGenericType)
            yield break;
        if (type.IsGenericType || type.IsArray)
        {
            foreach (var argument in type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments())
                foreach (var found in PersonalPropertiesOf(argument, path, seen)) yield return found;
            if (typeof(IEnumerable).IsAssignableFrom(type)) yield break;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (IsPersonal(property.Name)) yield return $"{path}.{property.Name}";
            foreach (var found in PersonalPropertiesOf(property.PropertyType, $"{path}.{property.Name}", seen)) yield return found;
        }
    }

    private static IEnumerable<string> PersonalFieldsIn(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (IsPersonal(property.Name)) yield return $"{path}.{property.Name}";
                    foreach (var found in PersonalFieldsIn(property.Value, $"{path}.{property.Name}")) yield return found;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    foreach (var found in PersonalFieldsIn(item, path + "[]")) yield return found;
                break;
        }
    }
}

using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Intervention.Contracts.Governance;
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
        await PostAsync(gateway, $"licensing/api/hearings/{hearing.GetProperty("id")}/decision",
            """{"outcome":"Revocation","reasons":"Zebedee is not fit","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-15"}""");
        await Eventually.WaitUntilAsync(async () => (await gateway.GetStringAsync("governance/api/decisions?function=licensing")).Contains(driver.GetProperty("licenceReference").GetString()!),
            TimeSpan.FromSeconds(30), () => "the revocation never reached the decision register");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", system.Tokens.ForRole("integrator"));

        var scanned = 0;
        var nonEmpty = 0;
        var found = new List<string>();
        foreach (var service in new[] { "governance", "licensing", "children", "finance" })
        {
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
                found.AddRange(PersonalFieldsIn(answer.RootElement, $"{service} {path.Name}"));
                found.AddRange(new[] { "Zebedee", "Privacytest", "1977-07-17", "Privacy Lane", "Fictional Road", "QQ" }.Where(text.Contains)
                    .Select(marker => $"{service} {path.Name} contains '{marker}'"));
            }
        }
        output.WriteLine($"{scanned} integrator-visible answers scanned, {nonEmpty} with content");
        Assert.True(nonEmpty >= 5, $"only {nonEmpty} integrator-visible answers had content: the scan would prove nothing");
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

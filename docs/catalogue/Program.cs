using Intervention.EventCatalogue;

// Writes the AsyncAPI document of every published event, from Intervention.Contracts:
//   dotnet run --project docs/catalogue            (writes docs/asyncapi.json)
// A test fails when a contract changes and this was not run.
var path = args.Length > 0 ? args[0] : Path.Combine(AsyncApiDocument.RepoRoot(), "docs", "asyncapi.json");
File.WriteAllText(path, AsyncApiDocument.Generate());
Console.WriteLine($"wrote {path}: {AsyncApiDocument.Events().Count} events");

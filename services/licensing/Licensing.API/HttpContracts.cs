// The API's request and response types, in contracts/Licensing/Http/ beside the Refit interface that calls them.
global using Intervention.Contracts.Licensing.Http;

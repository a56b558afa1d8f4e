// The API's request and response types, in contracts/Integrations/Http/ beside the Refit interface that calls them.
global using Intervention.Contracts.Integrations.Http;

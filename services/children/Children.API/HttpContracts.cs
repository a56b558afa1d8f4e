// The API's request and response types, in contracts/Children/Http/ beside the Refit interface that calls them.
global using Intervention.Contracts.Children.Http;

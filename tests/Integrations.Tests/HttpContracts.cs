// Integrations' request and response types (contracts/Integrations/Http/), e.g. the NewSubscription the rules check.
global using Intervention.Contracts.Integrations.Http;

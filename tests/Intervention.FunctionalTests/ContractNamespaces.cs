// Governance's HTTP contracts moved from Intervention.Contracts.Http to Intervention.Contracts.Governance.Http (the house
// rule: a portfolio's request and response types live in contracts/<Portfolio>/Http/). This keeps the functional tests
// compiling without touching each file while their harness is being replaced; it goes when they move to the Refit interfaces.
global using Intervention.Contracts.Governance.Http;

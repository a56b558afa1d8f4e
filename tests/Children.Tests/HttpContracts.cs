// Children's request and response types (contracts/Children/Http/), e.g. the Kpi the calculator answers.
global using Intervention.Contracts.Children.Http;

// Licensing's request and response types and the enums they carry (contracts/Licensing/Http/), which its rules use.
global using Intervention.Contracts.Licensing.Http;

using System.Text.Json.Serialization;

namespace FastSgns.Cli.Json;

/// <summary>Source-generated serialization for the CLI's <c>--json</c> output: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SimilarJson))]
[JsonSerializable(typeof(AnalogyJson))]
[JsonSerializable(typeof(DoesntMatchJson))]
[JsonSerializable(typeof(NSimilarityJson))]
[JsonSerializable(typeof(EvaluationJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

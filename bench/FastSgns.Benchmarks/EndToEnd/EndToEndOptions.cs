namespace FastSgns.Benchmarks.EndToEnd;

/// <summary>Settings of the end-to-end benchmark; the defaults are shared/PEERS.md's.</summary>
public sealed record EndToEndOptions
{
    public string? Corpus { get; init; }
    public int Lines { get; init; }
    public int Epochs { get; init; } = 1;
    public int Threads { get; init; } = 2;
    public int Dim { get; init; } = 100;
    public int Window { get; init; } = 5;
    public int Negative { get; init; } = 5;
    public double Sample { get; init; } = 1e-4;
    public int MinCount { get; init; } = 5;
    public double Alpha { get; init; } = 0.025;
    public string[] Kernels { get; init; } = [];
    public string[] Modes { get; init; } = ["pairs"];
    public bool Peers { get; init; } = true;
    public string? Output { get; init; }

    public static EndToEndOptions Parse(string[] args)
    {
        var options = new EndToEndOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--corpus" => options with { Corpus = value },
                "--lines" => options with { Lines = int.Parse(value) },
                "--epochs" => options with { Epochs = int.Parse(value) },
                "--threads" => options with { Threads = int.Parse(value) },
                "--dim" => options with { Dim = int.Parse(value) },
                "--kernels" => options with { Kernels = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--modes" => options with { Modes = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--peers" => options with { Peers = value is "yes" or "true" or "1" },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"unknown option {args[i]}; see bench/README.md"),
            };
            i++;
        }

        return options;
    }
}

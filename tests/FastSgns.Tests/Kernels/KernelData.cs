using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>Theory data shared by the kernel tests: every supported managed kernel (scalar included, so it is never empty) and the dims.</summary>
public static class KernelData
{
    /// <summary>Every dim from 1 to 64, then a spread around vector widths and common sizes up to 320.</summary>
    public static readonly int[] Dims =
        [.. Enumerable.Range(1, 64), 65, 71, 79, 80, 95, 96, 97, 100, 111, 127, 128, 129, 160, 200, 255, 256, 257, 300, 319, 320];

    /// <summary>M values around the 4-row dot blocks and the 8-lane sigmoid groups, up to 25.</summary>
    public static readonly int[] Negatives = [1, 3, 4, 5, 7, 8, 15, 16, 25];

    public static IEnumerable<string> KernelNames =>
        KernelRegistry.Supported.Where(k => k.Name != "native").Select(k => k.Name);

    public static TheoryData<string> Kernels => [.. KernelNames];

    public static TheoryData<string, int> KernelsAndDims
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string kernel in KernelNames)
            {
                foreach (int dim in Dims)
                {
                    data.Add(kernel, dim);
                }
            }

            return data;
        }
    }
}

using System.Reflection;
using FastSgns.Kernels;
using FastSgns.Training;

namespace FastSgns.Tests.Api;

/// <summary>
/// The facade is the boundary: what the FastSgns package exports is the model, its options and its results, never
/// an implementation type (a kernel, a sampler, a checkpoint record, a pointer). The PublicAPI files track each
/// member; this checks the shape of the whole: which namespaces may be exported at all, and that no exported
/// member hands out a pointer.
/// </summary>
public sealed class PublicSurfaceTests
{
    /// <summary>The namespaces the READMEs document: the model, its options and progress, query and evaluation results.</summary>
    private static readonly HashSet<string> s_publicNamespaces = ["FastSgns", "FastSgns.Training", "FastSgns.Queries", "FastSgns.Evaluation"];

    private static readonly Assembly s_core = typeof(TrainingOptions).Assembly;
    private static readonly Assembly s_api = typeof(SgnsModel).Assembly;

    public static TheoryData<string> Assemblies => new() { s_core.GetName().Name!, s_api.GetName().Name! };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void ExportedTypes_AreNotInImplementationNamespaces(string assemblyName)
    {
        Assembly assembly = Load(assemblyName);
        // Every namespace Core declares a type in, minus the documented ones: Kernels, Interop, Sampling, Pipeline, …
        var implementation = s_core.GetTypes().Select(t => t.Namespace ?? "").Where(n => !s_publicNamespaces.Contains(n)).ToHashSet();

        var misplaced = assembly.GetExportedTypes()
            .Where(t => implementation.Contains(t.Namespace ?? "") || !s_publicNamespaces.Contains(t.Namespace ?? ""))
            .Select(t => t.FullName)
            .ToList();

        Assert.Contains("FastSgns.Kernels", implementation);
        Assert.Contains("FastSgns.Checkpoints", implementation);
        Assert.Empty(misplaced);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void ExportedMembers_ExposeNoPointer(string assemblyName)
    {
        var offenders = Load(assemblyName).GetExportedTypes().SelectMany(PointerMembers).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void PointerCheck_FindsThePointersOfAnImplementationType()
    {
        // KernelContext hands its matrices to the kernels as public float* fields: the check must see them.
        Assert.Contains(PointerMembers(typeof(KernelContext)), m => m.EndsWith(".Input", StringComparison.Ordinal));
    }

    private static Assembly Load(string name) => name == s_core.GetName().Name ? s_core : s_api;

    /// <summary>"Type.Member" for every public or protected member whose type, or a parameter's, is or contains a pointer.</summary>
    private static IEnumerable<string> PointerMembers(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (MemberInfo member in type.GetMembers(all))
        {
            bool visible = member switch
            {
                FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
                MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
                PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily),
                _ => false,
            };
            if (visible && Signature(member).Any(HasPointer))
            {
                yield return $"{type.FullName}.{member.Name}";
            }
        }
    }

    private static IEnumerable<Type> Signature(MemberInfo member) => member switch
    {
        FieldInfo f => [f.FieldType],
        PropertyInfo p => [p.PropertyType, .. p.GetIndexParameters().Select(i => i.ParameterType)],
        MethodInfo m => [m.ReturnType, .. m.GetParameters().Select(i => i.ParameterType)],
        ConstructorInfo c => c.GetParameters().Select(i => i.ParameterType),
        EventInfo e => [e.EventHandlerType!],
        _ => [],
    };

    /// <summary>A pointer or function pointer, also behind ref/out, arrays and generic arguments (Span&lt;nint&gt; is fine: nint is no pointer).</summary>
    private static bool HasPointer(Type type) =>
        type.IsPointer || type.IsFunctionPointer || type.IsUnmanagedFunctionPointer
        || (type.HasElementType && HasPointer(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(HasPointer));
}

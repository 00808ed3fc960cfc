namespace FastSgns.Interop;

/// <summary>
/// The C library's instruction-set paths (FSG_PATH_* in native/include/fastsgns_native.h). Each is a kernel of its own
/// in the registry; which one runs is decided by the function managed code calls, never by state inside the library.
/// </summary>
internal enum NativePath
{
    Scalar = 0,
    Avx2 = 1,
    Avx512 = 2,
}

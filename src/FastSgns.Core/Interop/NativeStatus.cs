namespace FastSgns.Interop;

/// <summary>What every fsg_train_* function returns (FSG_OK and FSG_ERROR_* in native/include/fastsgns_native.h).</summary>
internal enum NativeStatus
{
    Ok = 0,

    /// <summary>The call needs more scratch than <see cref="NativeContext.ScratchFloats"/> vouches for; nothing was touched.</summary>
    ScratchTooSmall = 1,

    /// <summary>This CPU cannot run the function's path; nothing was touched.</summary>
    Unsupported = 2,

    /// <summary>Negative M or a null pointer; nothing was touched.</summary>
    BadArgument = 3,
}

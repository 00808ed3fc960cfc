using FastSgns.Fuzz;
using SharpFuzz;

// Usage: FastSgns.Fuzz <target>                 under afl-fuzz (see run.sh)
//        FastSgns.Fuzz <target> <file|dir>...   replay inputs without AFL, printing the outcome of each
//        FastSgns.Fuzz checkpoint-seed <file>   write the checkpoint target's seed (seeds/checkpoint/seed.ckp)
if (args is ["checkpoint-seed", string seedPath])
{
    FuzzTargets.WriteCheckpointSeed(seedPath);
    return 0;
}

if (args.Length == 0 || Array.IndexOf(FuzzTargets.Names, args[0]) < 0)
{
    Console.Error.WriteLine($"usage: FastSgns.Fuzz <{string.Join("|", FuzzTargets.Names)}> [input files or folders to replay]");
    return 2;
}

string target = args[0];
string scratch = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"fastsgns-fuzz-{Environment.ProcessId}.bin");
try
{
    if (args.Length > 1)
    {
        int failures = 0;
        foreach (string file in args.Skip(1).SelectMany(a => Directory.Exists(a) ? Directory.GetFiles(a) : [a]))
        {
            try
            {
                FuzzTargets.Run(target, File.ReadAllBytes(file), scratch);
                Console.WriteLine($"ok    {file}");
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"FAIL  {file}: {e.GetType().Name}: {e.Message}");
            }
        }

        return failures == 0 ? 0 : 1;
    }

    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.Run(target, buffer.ToArray(), scratch);
    });
    return 0;
}
finally
{
    File.Delete(scratch);
}

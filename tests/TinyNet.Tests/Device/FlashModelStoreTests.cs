using System.Reflection;
using System.Runtime.Loader;
using TinyNet.Activations;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Tests.Device;

/// <summary>
/// device/TinyNet.Device.Storage/FlashModelStore.cs run on the host: the app (which imports it) is compiled as in the device-source
/// check and loaded on its own, and the store works in a temp folder with .NET's File API (the same
/// names nanoFramework has). Each test sets up the files a reset at one step of a commit leaves behind
/// and checks that the next boot finds exactly one loadable model, or none, and no upload.
/// </summary>
public sealed class FlashModelStoreTests : IDisposable
{
    private static readonly Lazy<Type> StoreType = new(LoadStoreType);

    private readonly string _folder = Directory.CreateTempSubdirectory("tinynet-flash-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Active => Path.Combine(_folder, "model.tnn");
    private string Previous => Path.Combine(_folder, "model.old");
    private string Upload => Path.Combine(_folder, "upload.part");

    [Fact]
    public void An_empty_store_has_no_model_and_no_upload()
    {
        dynamic store = Open();
        Assert.Equal(-1, (int)store.ActiveLength);
        Assert.Equal(0, (int)store.UploadLength);
        Assert.Null((string?)store.RecoveryNote);
    }

    [Fact]
    public void Upload_in_chunks_then_commit_makes_it_the_active_model_across_a_reboot()
    {
        byte[] first = ModelBytes("first", 1f);
        dynamic store = Open();
        UploadInChunks(store, first, 50);
        Assert.Equal(first, ReadUpload(store, first.Length));
        Assert.Equal(-1, (int)store.ActiveLength);          // nothing active until the commit
        store.CommitUpload();
        Assert.Equal(first, ReadActive(store));

        byte[] second = ModelBytes("second", 2f);
        UploadInChunks(store, second, 33);
        Assert.Equal(first, ReadActive(store));             // the old model serves until the commit
        store.CommitUpload();
        Assert.Equal(second, ReadActive(store));
        Assert.Equal(["model.tnn"], FileNames());

        dynamic rebooted = Open();
        Assert.Equal(second, ReadActive(rebooted));
        Assert.Null((string?)rebooted.RecoveryNote);
    }

    [Fact]
    public void Discard_and_a_new_begin_throw_the_unfinished_upload_away()
    {
        dynamic store = Open();
        UploadInChunks(store, ModelBytes("a", 1f), 40);
        store.BeginUpload();
        Assert.Equal(0, (int)store.UploadLength);
        store.AppendUpload(new byte[] { 1, 2, 3 }, 0, 3);
        store.DiscardUpload();
        Assert.Equal(0, (int)store.UploadLength);
        Assert.Empty(FileNames());
    }

    [Fact]
    public void Reset_during_an_upload_keeps_the_active_model_and_drops_the_upload()
    {
        byte[] old = ModelBytes("old", 1f);
        File.WriteAllBytes(Active, old);
        File.WriteAllBytes(Upload, ModelBytes("new", 2f)[..40]);
        dynamic store = Open();
        Assert.Equal(old, ReadActive(store));
        Assert.Equal(0, (int)store.UploadLength);
        Assert.Equal(["model.tnn"], FileNames());
        Assert.Contains("unfinished upload", (string)store.RecoveryNote);
    }

    [Fact]
    public void Reset_after_the_active_model_was_moved_aside_restores_it()
    {
        // Step 3 done (model.tnn → model.old), step 4 (upload.part → model.tnn) not.
        byte[] old = ModelBytes("old", 1f);
        File.WriteAllBytes(Previous, old);
        File.WriteAllBytes(Upload, ModelBytes("new", 2f));
        dynamic store = Open();
        Assert.Equal(old, ReadActive(store));
        Assert.Equal(["model.tnn"], FileNames());
        Assert.Contains("restored the previous model", (string)store.RecoveryNote);
    }

    [Fact]
    public void Reset_before_the_old_model_was_deleted_keeps_the_new_one()
    {
        // Step 4 done, step 5 (delete model.old) not.
        byte[] fresh = ModelBytes("new", 2f);
        File.WriteAllBytes(Previous, ModelBytes("old", 1f));
        File.WriteAllBytes(Active, fresh);
        dynamic store = Open();
        Assert.Equal(fresh, ReadActive(store));
        Assert.Equal(["model.tnn"], FileNames());
        Assert.Contains("finished an interrupted commit", (string)store.RecoveryNote);
    }

    [Fact]
    public void A_damaged_new_model_next_to_the_old_one_gives_way_to_the_old_one()
    {
        // What a move that fell back to copy + delete and was cut short could leave.
        byte[] old = ModelBytes("old", 1f);
        File.WriteAllBytes(Previous, old);
        File.WriteAllBytes(Active, ModelBytes("new", 2f)[..60]);
        dynamic store = Open();
        Assert.Equal(old, ReadActive(store));
        Assert.Equal(["model.tnn"], FileNames());
        Assert.Contains("damaged", (string)store.RecoveryNote);
    }

    [Fact]
    public void Reads_past_the_end_return_zero_bytes()
    {
        byte[] model = ModelBytes("m", 1f);
        File.WriteAllBytes(Active, model);
        dynamic store = Open();
        var buffer = new byte[16];
        Assert.Equal(0, (int)store.ReadActive(model.Length, buffer, 0, 16));
        Assert.Equal(4, (int)store.ReadActive(model.Length - 4, buffer, 0, 16));
        Assert.Equal(0, (int)store.ReadUpload(0, buffer, 0, 16));
    }

    private dynamic Open() => Activator.CreateInstance(StoreType.Value, _folder)!;

    private string[] FileNames() =>
        Directory.GetFiles(_folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    private static void UploadInChunks(dynamic store, byte[] file, int chunk)
    {
        store.BeginUpload();
        for (int offset = 0; offset < file.Length; offset += chunk)
            store.AppendUpload(file, offset, Math.Min(chunk, file.Length - offset));
        Assert.Equal(file.Length, (int)store.UploadLength);
    }

    private static byte[] ReadActive(dynamic store)
    {
        int length = store.ActiveLength;
        var data = new byte[length];
        for (int position = 0; position < length;)
        {
            int n = store.ReadActive(position, data, position, Math.Min(37, length - position));
            Assert.True(n > 0, $"ReadActive returned {n} at {position} of {length}");
            position += n;
        }
        return data;
    }

    private static byte[] ReadUpload(dynamic store, int length)
    {
        var data = new byte[length];
        int n = store.ReadUpload(0, data, 0, length);
        Assert.Equal(length, n);
        return data;
    }

    /// <summary>A valid 4-3 model file whose weights depend on <paramref name="scale"/>.</summary>
    private static byte[] ModelBytes(string name, float scale)
    {
        var layer = new ModelLayer(4, 3, Activation.TanhCode, WeightType.Float32, true);
        for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] = scale * (i - 6) / 8f;
        for (int i = 0; i < layer.Biases.Length; i++) layer.Biases[i] = scale / (i + 2);
        return ModelFile.Write(new Model(name, [layer]));
    }

    private static Type LoadStoreType()
    {
        using var compiled = NanoCompiler.Compile(NanoCompiler.AppProject, []);
        Assert.True(compiled.DllPath is not null, string.Join(Environment.NewLine, compiled.Diagnostics));
        // Its own load context: the app carries its own copy of the engine's TinyNet types.
        var context = new AssemblyLoadContext("tinynet-device", isCollectible: false);
        Assembly app = context.LoadFromStream(new MemoryStream(File.ReadAllBytes(compiled.DllPath!)));
        return app.GetType("TinyNet.Device.FlashModelStore", throwOnError: true)!;
    }
}

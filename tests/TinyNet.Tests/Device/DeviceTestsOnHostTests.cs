using System.Reflection;
using System.Runtime.Loader;

namespace TinyNet.Tests.Device;

/// <summary>
/// Runs the nanoFramework tests (tests/TinyNet.Device.Tests) on .NET: the NFUnitTest sources are
/// compiled as in the device-source check, with the stand-in Assert that throws, and every
/// [TestMethod] is invoked. This proves the device tests themselves right on the host; on the board
/// only Math.Exp/Tanh precision differs.
/// </summary>
public class DeviceTestsOnHostTests
{
    private static readonly Lazy<Assembly> Tests = new(Load);

    public static TheoryData<string> TestMethods() => new(Names());

    private static List<string> Names() =>
        Tests.Value.GetTypes().Where(HasAttribute)
            .SelectMany(type => type.GetMethods().Where(HasAttribute).Select(method => type.Name + "." + method.Name))
            .ToList();

    [Theory]
    [MemberData(nameof(TestMethods))]
    public void Device_test_passes_on_the_host(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var type = Tests.Value.GetTypes().Single(t => t.Name == name[..dot]);
        var instance = Activator.CreateInstance(type);
        try
        {
            type.GetMethod(name[(dot + 1)..])!.Invoke(instance, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            Assert.Fail(name + ": " + e.InnerException.Message);
        }
    }

    [Fact]
    public void Every_test_class_and_method_is_found()
    {
        var classes = Tests.Value.GetTypes().Where(HasAttribute).Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(["FineTuningTests", "LectureVectorTests", "LinkCodecTests", "ModelFileTests", "StreamedPredictorTests"], classes);
        Assert.True(Names().Count >= 15, $"only {Names().Count} test methods");
    }

    private static bool HasAttribute(MemberInfo member) => member.GetCustomAttributes(false)
        .Any(a => a.GetType().Name is "TestClassAttribute" or "TestMethodAttribute");

    private static Assembly Load()
    {
        using var compiled = NanoCompiler.Compile(NanoCompiler.TestProject, []);
        Assert.True(compiled.DllPath is not null, string.Join(Environment.NewLine, compiled.Diagnostics));
        var context = new AssemblyLoadContext("tinynet-device-tests");
        var stubs = new MemoryStream();
        Assert.True(NanoCompiler.Stubs.Emit(stubs).Success);
        stubs.Position = 0;
        context.LoadFromStream(stubs);
        return context.LoadFromStream(new MemoryStream(File.ReadAllBytes(compiled.DllPath!)));
    }
}

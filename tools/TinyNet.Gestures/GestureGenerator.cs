using System.Globalization;
using System.Text;
using TinyNet.Numerics;

namespace TinyNet.Gestures;

/// <summary>
/// Accelerometer-like gesture windows: 20 samples (one second at 20 Hz) of x, y, z in g, the device
/// held at a random tilt (gravity spread over the axes), with sensor noise and a little drift.
/// Five classes: idle (still, a faint tremor), wave (side to side along x), circle (x and y a
/// quarter turn apart), shake (fast and strong, any direction in the plane) and tap (one or two
/// short knocks along z). A window starts when the motion does, give or take a little (as a device
/// triggers on it). Amplitudes, frequencies and timing are drawn per window, so the classes
/// overlap at the edges (a faint wave is close to idle, a slow shake to a fast wave): a small network
/// reaches about 90 %, not 100 %. The same seed writes the same file, byte for byte.
/// </summary>
public static class GestureGenerator
{
    public static readonly string[] Classes = ["idle", "wave", "circle", "shake", "tap"];
    public const int Samples = 20;
    private const double Noise = 0.1;

    /// <summary>The CSV text: a header (gesture, ax0, ay0, az0, ..., az19), then <paramref name="perClass"/> windows of each class, interleaved.</summary>
    public static string Csv(int perClass, uint seed)
    {
        var random = new Prng(seed);
        var text = new StringBuilder("gesture");
        for (int t = 0; t < Samples; t++) text.Append(",ax").Append(t).Append(",ay").Append(t).Append(",az").Append(t);
        text.Append('\n');
        var window = new double[Samples * 3];
        for (int n = 0; n < perClass; n++)
            for (int c = 0; c < Classes.Length; c++)
            {
                Window(c, random, window);
                text.Append(Classes[c]);
                foreach (double v in window) text.Append(',').Append(v.ToString("F2", CultureInfo.InvariantCulture));
                text.Append('\n');
            }
        return text.ToString();
    }

    private static double Uniform(Prng random, double low, double high) => low + (high - low) * random.NextFloat();

    // Box–Muller: a standard normal from two uniform draws.
    private static double Normal(Prng random)
    {
        double u = 1.0 - random.NextFloat(), v = random.NextFloat();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>Fills <paramref name="xyz"/> (x0, y0, z0, x1, ...) with one window of class <paramref name="gesture"/>.</summary>
    private static void Window(int gesture, Prng random, double[] xyz)
    {
        // Gravity at a random tilt of up to ~30° either way.
        double pitch = Uniform(random, -0.5, 0.5), roll = Uniform(random, -0.5, 0.5);
        double gx = Math.Sin(pitch), gy = -Math.Sin(roll) * Math.Cos(pitch), gz = Math.Cos(roll) * Math.Cos(pitch);
        double driftX = Uniform(random, -0.1, 0.1), driftY = Uniform(random, -0.1, 0.1);
        // Windows start when the motion does (a device triggers on it), give or take a little.
        double phase = Uniform(random, -0.6, 0.6);
        double amplitude, cycles, direction;
        int firstTap = -1, secondTap = -1;
        double tapStrength = 0;
        switch (gesture)
        {
            case 1: amplitude = Uniform(random, 0.25, 0.8); cycles = Uniform(random, 1.0, 3.0); direction = 0; break;
            case 2: amplitude = Uniform(random, 0.25, 0.7); cycles = Uniform(random, 0.7, 2.0); direction = random.NextInt(2) == 0 ? 1 : -1; break;
            case 3: amplitude = Uniform(random, 0.5, 1.4); cycles = Uniform(random, 2.8, 6.5); direction = Uniform(random, 0, Math.PI); break;
            case 4:
                amplitude = 0; cycles = 0; direction = 0;
                tapStrength = Uniform(random, 0.6, 1.8);
                firstTap = 1 + random.NextInt(6);
                if (random.NextInt(2) == 0) secondTap = firstTap + 4 + random.NextInt(8);
                break;
            default: amplitude = Uniform(random, 0.0, 0.08); cycles = Uniform(random, 0.5, 8.0); direction = Uniform(random, 0, Math.PI); break;
        }
        for (int t = 0; t < Samples; t++)
        {
            double angle = 2 * Math.PI * cycles * t / Samples + phase;
            double x = gx + driftX * t / Samples, y = gy + driftY * t / Samples, z = gz;
            switch (gesture)
            {
                case 1: // wave: along x, a little bob in z at twice the rate
                    x += amplitude * Math.Sin(angle);
                    z += 0.25 * amplitude * Math.Sin(2 * angle);
                    break;
                case 2: // circle: x and y a quarter turn apart, either way round
                    x += amplitude * Math.Cos(angle);
                    y += direction * amplitude * Math.Sin(angle);
                    break;
                case 3: // shake: fast, strong, along a random direction in the plane
                case 0: // idle: the same shape, but only a faint tremor
                    x += amplitude * Math.Cos(direction) * Math.Sin(angle);
                    y += amplitude * Math.Sin(direction) * Math.Sin(angle);
                    break;
                case 4: // tap: a knock down along z and its rebound
                    if (t == firstTap || t == secondTap) z -= tapStrength;
                    if (t == firstTap + 1 || t == secondTap + 1) z += 0.5 * tapStrength;
                    break;
            }
            xyz[3 * t] = x + Noise * Normal(random);
            xyz[3 * t + 1] = y + Noise * Normal(random);
            xyz[3 * t + 2] = z + Noise * Normal(random);
        }
    }
}

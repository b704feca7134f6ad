using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TinyNet.Numerics;

namespace TinyNet.Tests.Datasets;

/// <summary>
/// A generated image-folder data set for <c>train images</c>: outlines of a ring, a hexagon, a
/// square, a triangle and a cross, their corners a little off as if drawn by hand, drawn dark on light paper with ImageSharp at a random size, place, stroke
/// width and tilt (±45°), with paper noise, as DIR/&lt;shape&gt;/&lt;n&gt;.png. The same seed draws the same pictures.
/// </summary>
public static class ShapePictures
{
    public static readonly string[] Shapes = ["cross", "hexagon", "ring", "square", "triangle"];

    /// <summary>Writes <paramref name="perClass"/> pictures of each shape under <paramref name="folder"/>.</summary>
    public static void Write(string folder, int perClass, uint seed)
    {
        var random = new Prng(seed);
        foreach (string shape in Shapes)
        {
            string classFolder = Path.Combine(folder, shape);
            Directory.CreateDirectory(classFolder);
            for (int n = 0; n < perClass; n++)
            {
                using Image<L8> picture = Draw(shape, random);
                picture.SaveAsPng(Path.Combine(classFolder, $"{n}.png"));
            }
        }
    }

    private static double Uniform(Prng random, double low, double high) => low + (high - low) * random.NextFloat();

    private static Image<L8> Draw(string shape, Prng random)
    {
        const int side = 80;
        double radius = Uniform(random, 10, 22), half = Uniform(random, 1.0, 2.5);
        // A tilted square's corner reaches √2 × radius from the centre: keep it off the edge (the preparation needs plain paper around).
        double margin = 1.5 * radius + 5;
        double cx = Uniform(random, margin, side - margin), cy = Uniform(random, margin, side - margin);
        double tilt = Uniform(random, -45, 45) * Math.PI / 180;
        double[] corners = shape switch
        {
            "square" => [-1, -1, 1, -1, 1, 1, -1, 1, -1, -1],
            "triangle" => [0, -1, 0.9, 0.75, -0.9, 0.75, 0, -1],
            "hexagon" => [1, 0, 0.5, 0.87, -0.5, 0.87, -1, 0, -0.5, -0.87, 0.5, -0.87, 1, 0],
            _ => [],
        };
        // Drawn by hand: every corner a little off (the first and last are the same corner).
        for (int i = 0; i + 2 < corners.Length; i++) corners[i] += Uniform(random, -0.2, 0.2);
        if (corners.Length > 0) { corners[^2] = corners[0]; corners[^1] = corners[1]; }
        var image = new Image<L8>(side, side);
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                // The point in the shape's own frame (untilted, unit size).
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double u = (Math.Cos(tilt) * dx + Math.Sin(tilt) * dy) / radius, v = (-Math.Sin(tilt) * dx + Math.Cos(tilt) * dy) / radius;
                double distance = shape switch
                {
                    "ring" => Math.Abs(Math.Sqrt(u * u + v * v) - 1),
                    "cross" => Math.Min(Segment(u, v, -0.8, -0.8, 0.8, 0.8), Segment(u, v, -0.8, 0.8, 0.8, -0.8)),
                    _ => Polyline(u, v, corners),
                } * radius;
                double paper = 235 + 15 * (random.NextFloat() - 0.5);
                image[x, y] = new L8((byte)Math.Clamp(distance <= half ? 40 + 30 * random.NextFloat() : paper, 0, 255));
            }
        return image;
    }

    private static double Polyline(double u, double v, double[] points)
    {
        double best = double.MaxValue;
        for (int i = 0; i + 3 < points.Length; i += 2) best = Math.Min(best, Segment(u, v, points[i], points[i + 1], points[i + 2], points[i + 3]));
        return best;
    }

    private static double Segment(double px, double py, double ax, double ay, double bx, double by)
    {
        double vx = bx - ax, vy = by - ay;
        double t = Math.Clamp(((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy), 0, 1);
        double ex = px - ax - t * vx, ey = py - ay - t * vy;
        return Math.Sqrt(ex * ex + ey * ey);
    }
}

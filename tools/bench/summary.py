"""Summary of tools/bench.sh: reads the JSON figures it wrote into its work folder and prints the
tables, TinyNet's ratio to the fastest configuration of each reference, the GFLOP/s against the
measured FMA peak and a met / NOT met line per goal of issue 13. Runs on saved figures again:
    python3 tools/bench/summary.py artifacts/bench "machine description"
"""
import glob, json, sys
work, machine = sys.argv[1], sys.argv[2]
t = json.load(open(f"{work}/tinynet.json"))
configs = []
for path in sorted(glob.glob(f"{work}/ref-*.json")):
    c = json.load(open(path))
    wanted = path.split("ref-")[1].split("-")[1]
    if c["blas"] != wanted:
        sys.exit(f"bench: {path} asked for {wanted} BLAS but loaded {c['blas']} ({c['blas_path']}); the comparison would be wrong")
    kernels = f" ({c['blas_core']})" if "blas_core" in c else ""
    threads = f"{c['threads']} thread" + ("s" if c["threads"] != 1 else "")
    c["name"] = f"{'PyTorch' if c['framework'] == 'torch' else 'numpy'} {c['version'].split('a')[0]}, {c['blas']}{kernels}, {threads}"
    configs.append(c)

rows = [("µs per training sample, batch 1", "b1 µs/sample", "batch1_us_per_sample", False),
        ("s per shuffled epoch, batch 32", "b32 s/epoch", "batch32_s_per_epoch", False),
        ("images/s, one-at-a-time inference", "infer img/s", "inference_images_per_s", True),
        ("s of training, default recipe", "recipe s", "default_train_s", False),
        ("test accuracy, default recipe (%)", "recipe %", "default_test_accuracy", True)]
rows = [r for r in rows if r[2] in t]

print(f"machine: {machine}")
print(f"\n{'configuration':46}" + "".join(f"{short:>13}" for _, short, _, _ in rows))
print(f"{'TinyNet (1 thread)':46}" + "".join(f"{t[key]:13.4g}" for _, _, key, _ in rows))
for c in configs:
    partial = c["batch1_samples"] < (10000 if "default_train_s" not in t else 60000) or c["batch32_steps_timed"] < 1875
    cells = "".join(f"{c[key]:13.4g}" if key in c else f"{'-':>13}" for _, _, key, _ in rows)
    print(f"{c['name']:46}{cells}{'  *' if partial else ''}")
print("(" + "; ".join(f"{short}: {label}" for label, short, _, _ in rows) + ")")
print("(*: too slow to finish its work within the time budget; timed over part of it and scaled up)")

print("\nTinyNet against the fastest configuration of each reference (ratio > 1: TinyNet faster/better):")
for label, _, key, higher in rows:
    print(f"  {label}: TinyNet {t[key]:.4g}")
    for family in ("PyTorch", "numpy"):
        candidates = [c for c in configs if c["name"].startswith(family) and key in c]
        if not candidates:
            continue
        best = (max if higher else min)(candidates, key=lambda c: c[key])
        ratio = t[key] / best[key] if higher else best[key] / t[key]
        print(f"    {family:8} best: {best['name']:46} {best[key]:10.4g}   TinyNet {ratio:.2f}x")
print(f"\nbytes allocated per step (TinyNet): {t['batch1_bytes_per_step']:.0f} at batch 1, {t['batch32_bytes_per_step']:.0f} at batch 32")
if "wide256_test_accuracy" in t:
    print(f"784-256-10, 7 epochs (TinyNet): {t['wide256_test_accuracy']:.2f} % in {t['wide256_train_s']:.2f} s")
print("Same work on both sides: shuffled epochs, the same learning-rate schedules, loss computed every step.")
print("Differences: TinyNet times all 60,000 batch-1 samples (the references 10,000 with --quick);")
print("TinyNet's default recipe also shifts images by up to 1 pixel (extra work on its side);")
print("TinyNet skips zero pixels (sparse input) where the references run dense matrix products.")

# The dense case and the goals of issue 13.
dense = []
for path in sorted(glob.glob(f"{work}/dense-*.json")):
    c = json.load(open(path))
    if c["blas"] != "openblas":
        sys.exit(f"bench: {path} asked for OpenBLAS but loaded {c['blas']}; the comparison would be wrong")
    threads = f"{c['threads']} thread" + ("s" if c["threads"] != 1 else "")
    kernels = f" ({c['openblas_core']})" if c.get("openblas_core") else ""
    c["name"] = f"{'PyTorch' if c['framework'] == 'torch' else 'numpy'} {c['version'].split('a')[0]}, openblas{kernels}, {threads}"
    dense.append(c)
drows = [("s per shuffled epoch, inverted MNIST, batch 32", "dense b32 s", "dense_batch32_s_per_epoch"),
         ("GFLOP/s of that epoch (CPU time; wall time with 2 threads)", "GFLOP/s", "dense_batch32_gflops"),
         ("ms for the 10,000 inverted test images as one batch", "dense 10k ms", "dense_10k_batch_ms"),
         ("ms for the 10,000 test images (as they are) as one batch", "10k ms", "sparse_10k_batch_ms"),
         ("test accuracy after the dense epoch (%)", "dense %", "dense_test_accuracy")]
print(f"\nDense inputs (inverted MNIST, 784-128-10 tanh/softmax, learning rate 0.02):")
print(f"{'configuration':52}" + "".join(f"{short:>14}" for _, short, _ in drows))
tinynet = "TinyNet (1 thread" + (f"; 10k batches on {int(t['batch_threads'])}" if t.get("batch_threads", 1) > 1 else "") + ")"
print(f"{tinynet:52}" + "".join(f"{t[key]:14.4g}" for _, _, key in drows))
for c in dense:
    print(f"{c['name']:52}" + "".join(f"{c[key]:14.4g}" for _, _, key in drows))
print("(" + "; ".join(f"{short}: {label}" for label, short, _ in drows) + ")")

def best(configs, key, family):
    found = [c for c in configs if c["name"].startswith(family) and key in c]
    return min(found, key=lambda c: c[key]) if found else None

print("\nTinyNet against the fastest configuration of each reference, dense (ratio > 1: TinyNet faster):")
for label, _, key in drows[:4]:
    if key == "dense_batch32_gflops":
        continue
    print(f"  {label}: TinyNet {t[key]:.4g}")
    for family in ("PyTorch", "numpy"):
        b = best(dense, key, family)
        if b:
            print(f"    {family:8} best: {b['name']:52} {b[key]:10.4g}   TinyNet {b[key] / t[key]:.2f}x")

print("\nGFLOP/s against this core's measured FMA peak (tinynet bench --dense, FmaPeak: 16 independent FMA chains, nothing loaded):")
peak512, peak256 = t.get("peak_gflops_512bit"), t.get("peak_gflops_256bit")
print(f"  peak: {peak512 or 0:.0f} GFLOP/s with 512-bit vectors, {peak256 or 0:.0f} with 256-bit (the ceiling for AVX2-only code);"
      f" TinyNet's blocked kernel uses {t.get('blocked_kernel_bits', 0):.0f}-bit vectors, OpenBLAS its Cooperlake (AVX-512) kernels")
def share(g):
    peak = peak512 or peak256
    return f"{100 * g / peak:.0f} % of the {512 if peak512 else 256}-bit peak" if peak else "no peak measured"
print(f"  TinyNet dense epoch: {t['dense_batch32_gflops']:.1f} GFLOP/s ({share(t['dense_batch32_gflops'])})")
if "blocked_forward_gflops" in t:
    print(f"  TinyNet blocked kernel alone, forward 32 x 784 x 128: {t['blocked_forward_gflops']:.1f} GFLOP/s ({share(t['blocked_forward_gflops'])});"
          f" fused weight step {t['blocked_fused_step_gflops']:.1f} ({share(t['blocked_fused_step_gflops'])})")
for c in dense:
    if c["threads"] == 1:
        print(f"  {c['name']}: {c['dense_batch32_gflops']:.1f} GFLOP/s ({share(c['dense_batch32_gflops'])})")

# Verdicts on wall-clock time (what the references report), with this thread's CPU time beside
# them: on a shared machine a process waits for a core, and the CPU time leaves that out. The CPU
# comparison uses the one-thread references (with two, the main thread's CPU time leaves the other out).
print("\nGoals (issue 13; verdict on wall-clock time, CPU time in brackets):")
def goal(text, met, detail):
    print(f"  [{'met' if met else 'NOT met'}] {text}: {detail}")
def one_thread(configs, key, family):
    found = [c for c in configs if c["name"].startswith(family) and c["threads"] == 1 and key in c]
    return min(found, key=lambda c: c[key]) if found else None
np_dense = best(dense, "dense_batch32_s_per_epoch", "numpy")
np_dense_cpu = one_thread(dense, "dense_batch32_cpu_s_per_epoch", "numpy")
if np_dense:
    goal("dense batch 32 in at most numpy + OpenBLAS's time", t["dense_batch32_s_per_epoch"] <= np_dense["dense_batch32_s_per_epoch"],
         f"TinyNet {t['dense_batch32_s_per_epoch']:.3f} s, numpy {np_dense['dense_batch32_s_per_epoch']:.3f} s ({np_dense['name']})"
         + (f" [CPU: {t['dense_batch32_cpu_s_per_epoch']:.3f} against {np_dense_cpu['dense_batch32_cpu_s_per_epoch']:.3f} s]" if np_dense_cpu else ""))
np_sparse = [c for c in configs if c["name"].startswith("numpy") and c["blas"] == "openblas" and "batch32_s_per_epoch" in c]
if np_sparse:
    b = min(np_sparse, key=lambda c: c["batch32_s_per_epoch"])
    ratio = b["batch32_s_per_epoch"] / t["batch32_s_per_epoch"]
    cpu = one_thread(dense, "sparse_batch32_cpu_s_per_shuffled_epoch", "numpy")
    cpu_text = (f" [CPU, dense_reference.py's numpy epoch on MNIST as it is: {t['sparse_batch32_cpu_s_per_shuffled_epoch']:.3f} against"
                f" {cpu['sparse_batch32_cpu_s_per_shuffled_epoch']:.3f} s, {cpu['sparse_batch32_cpu_s_per_shuffled_epoch'] / t['sparse_batch32_cpu_s_per_shuffled_epoch']:.2f}x]"
                if cpu and "sparse_batch32_cpu_s_per_shuffled_epoch" in t else "")
    goal("sparse MNIST batch 32 at least 2x faster than numpy + OpenBLAS", ratio >= 2,
         f"TinyNet {t['batch32_s_per_epoch']:.3f} s, numpy {b['batch32_s_per_epoch']:.3f} s ({b['name']}): {ratio:.2f}x{cpu_text}")
for key, what in (("dense_10k_batch_ms", "inverted"), ("sparse_10k_batch_ms", "as they are")):
    b = best(dense, key, "numpy")
    cpu_key = key.replace("_ms", "_cpu_ms")
    cpu = one_thread(dense, cpu_key, "numpy")
    if b:
        goal(f"the 10,000 test images ({what}) as one batch faster than numpy", t[key] < b[key],
             f"TinyNet {t[key]:.1f} ms, numpy {b[key]:.1f} ms ({b['name']}), best of 5"
             + (f" [CPU, all threads: {t[cpu_key]:.1f} against {cpu[cpu_key]:.1f} ms]" if cpu and cpu_key in t else ""))
rate = t["inference_images_per_s"]
goal("one-at-a-time inference at least 1,000,000 images/s", rate >= 1e6,
     f"{rate:,.0f} images/s over the whole timed second; {t.get('inference_best_round_images_per_s', 0):,.0f} in the best 1,000-image round"
     f" [{t.get('inference_cpu_images_per_s', 0):,.0f} per CPU second]; the shared Predictor (the board's code) in the same run:"
     f" {t.get('inference_shared_predictor_images_per_s', 0):,.0f}, best round {t.get('inference_shared_predictor_best_round_images_per_s', 0):,.0f}"
     f" [{t.get('inference_shared_predictor_cpu_images_per_s', 0):,.0f}]")

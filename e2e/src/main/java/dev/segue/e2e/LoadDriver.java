package dev.segue.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on playlist-service: N clients each POST a playlist request for a random seed,
 * wait for the answer, and go again, for a fixed time. Prints throughput, latency percentiles and
 * the error count. Bounded in time and aimed at localhost only.
 *
 * <p>{@code LoadDriver <playlist-base-url> <clients> <seconds> <seedId,seedId,...> [size] [warm-up seconds]}: the
 * warm-up (default 10 s) runs the same load first and is not measured, so JIT compilation and cold
 * caches of freshly started services do not count; an error during it still counts.
 */
public final class LoadDriver {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LoadDriver <playlist-base-url> <clients> <seconds> <seedIds comma-separated> [size] [warm-up seconds]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        if (!List.of("localhost", "127.0.0.1", "[::1]").contains(base.getHost())) {
            throw new IllegalArgumentException("LoadDriver only targets this machine (localhost), not " + base.getHost());
        }
        int clients = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long[] seeds = Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray();
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        long warmup = args.length > 5 ? Long.parseLong(args[5]) : 10;

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long measured = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long deadline = measured + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        java.util.Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<long[]> perClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[200_000];
            perClient.add(latencies);
            pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < deadline && n < latencies.length - 1) {
                    long seed = seeds[ThreadLocalRandom.current().nextInt(seeds.length)];
                    String body = "{\"seeds\":[" + seed + "],\"size\":" + size + ",\"ordering\":\"transition\",\"name\":\"load\"}";
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/playlists"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long start = System.nanoTime();
                    boolean counted = start >= measured;
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (counted) {
                            statuses.computeIfAbsent(response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        }
                        if (response.statusCode() != 201) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (counted) {
                        latencies[++n] = System.nanoTime() - start;
                    }
                }
                latencies[0] = n;
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(warmup + seconds + 60, TimeUnit.SECONDS);

        long total = perClient.stream().mapToLong(l -> l[0]).sum();
        long[] all = new long[(int) total];
        int i = 0;
        for (long[] latencies : perClient) {
            for (int k = 1; k <= latencies[0]; k++) {
                all[i++] = latencies[k];
            }
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "clients=%d warm-up=%ds duration=%ds requests=%d throughput=%.1f req/s errors=%d"
                + " (warm-up included)%n", clients, warmup, seconds, total, total / (double) seconds, errors.get());
        System.out.println("responses by status: " + statuses);
        System.out.printf(Locale.ROOT, "latency ms: p50=%.1f p95=%.1f p99=%.1f max=%.1f%n",
                percentile(all, 50), percentile(all, 95), percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}

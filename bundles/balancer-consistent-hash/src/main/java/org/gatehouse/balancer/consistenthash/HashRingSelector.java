package org.gatehouse.balancer.consistenthash;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;

/**
 * A hash ring over every target of an upstream, healthy or not.
 *
 * <p>Each target owns {@value #POINTS_PER_WEIGHT} points ("virtual nodes") per unit of weight, at
 * {@code Hash64.hash("<host:port>#<i>")}. A handshake's key is hashed and the ring is walked clockwise from there to
 * the first point whose target is among the candidates. Because the ring never changes while targets come and go,
 * a target that turns unhealthy gives away only the keys that landed on it, spread over the others by its points,
 * and takes exactly those keys back when it returns.
 *
 * <p>The ring holds at most about {@value #MAX_POINTS} points: beyond that total weight, points are handed out in
 * proportion to the weights (at least one per target). Immutable once built, so {@code select} needs no locking.
 * A pick costs a binary search plus a walk whose expected length is the ring size divided by the candidates'
 * points: one step while every target is healthy, a few when most are down.
 */
final class HashRingSelector implements TargetSelector {

    static final int POINTS_PER_WEIGHT = 160;
    static final int MAX_POINTS = POINTS_PER_WEIGHT * 1024;

    private final HashKey key;
    /** Target index per address, in configuration order. */
    private final Map<String, Integer> indexByAddress = new LinkedHashMap<>();
    /** Ring points in ascending (signed) order, and the index of the target owning each. */
    private final long[] points;
    private final int[] owners;

    HashRingSelector(Upstream upstream) {
        this.key = HashKey.of(upstream);

        // Weights per address; an address listed twice counts once, with both weights.
        Map<String, Long> weights = new LinkedHashMap<>();
        long totalWeight = 0;
        for (Target target : upstream.targets()) {
            weights.merge(target.address(), (long) target.weight(), Long::sum);
            totalWeight += target.weight();
        }
        long budget = Math.min(totalWeight * POINTS_PER_WEIGHT, MAX_POINTS);

        List<Point> ring = new ArrayList<>();
        for (Map.Entry<String, Long> entry : weights.entrySet()) {
            int owner = indexByAddress.size();
            indexByAddress.put(entry.getKey(), owner);
            long count = Math.max(1, entry.getValue() * budget / totalWeight);
            for (long i = 0; i < count; i++) {
                ring.add(new Point(Hash64.hash(entry.getKey() + '#' + i), owner));
            }
        }
        // Ties between equal points (practically never) are broken by configuration order, so the ring is the
        // same in every process.
        ring.sort(Comparator.comparingLong(Point::hash).thenComparingInt(Point::owner));
        points = new long[ring.size()];
        owners = new int[ring.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = ring.get(i).hash();
            owners[i] = ring.get(i).owner();
        }
    }

    @Override
    public Target select(List<Candidate> candidates, SelectionContext context) {
        long hash = Hash64.hash(key.of(context));

        Target[] offered = new Target[indexByAddress.size()];
        boolean anyOffered = false;
        for (Candidate candidate : candidates) {
            Integer index = indexByAddress.get(candidate.target().address());
            if (index != null) {
                offered[index] = candidate.target();
                anyOffered = true;
            }
        }
        if (!anyOffered) {
            // Not expected (the candidates come from the upstream's targets), but still hash, over the candidates.
            return candidates.get((int) Long.remainderUnsigned(hash, candidates.size())).target();
        }
        // Every target owns at least one point, so the walk ends within one turn of the ring.
        for (int i = firstPointAtOrAfter(hash); ; i = i + 1 == points.length ? 0 : i + 1) {
            Target target = offered[owners[i]];
            if (target != null) {
                return target;
            }
        }
    }

    /** The number of points on the ring. */
    int size() {
        return points.length;
    }

    /** The index of the first point at or after {@code hash}, wrapping to 0 past the last. */
    private int firstPointAtOrAfter(long hash) {
        int low = 0;
        int high = points.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (points[middle] < hash) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low == points.length ? 0 : low;
    }

    @Override
    public String toString() {
        return "HashRingSelector" + indexByAddress.keySet() + " (" + points.length + " points)";
    }

    private record Point(long hash, int owner) {
    }
}

package io.canopy.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Something measured: a Canopy function or a floor handler, with how to seed its data and which routes to time.
 *
 * @param name     the function group ({@code identity}) or floor ({@code floor-dynamodb})
 * @param store    decides the floor it is compared with, and its artifact size limit
 * @param floor    whether this is a floor handler
 * @param artifact the deployment package, exactly what is deployed
 * @param handler  the Lambda handler string
 * @param seeder   seeds data through the target itself (or the stores, for floors) and returns its routes
 */
public record Target(String name, Store store, boolean floor, Path artifact, String handler, Seeder seeder) {

    /** Seeds what the routes need and describes them: one read, and one write where the function has writes. */
    @FunctionalInterface
    public interface Seeder {
        List<Route> seed(SeedContext context) throws Exception;
    }
}

package io.canopy.shared.lambda;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.jdbc.DataSourceResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The Hikari part of {@link SnapStartPriming}, in a class of its own: it is loaded only where HikariCP and
 * micronaut-jdbc are on the class path (the PostgreSQL functions), so shared needs them only as optional
 * dependencies.
 */
final class HikariPools {

    private static final Logger LOG = LoggerFactory.getLogger(HikariPools.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private HikariPools() {
    }

    /**
     * Every Hikari pool the context has opened: suspended (so it does not open a new connection to replace the
     * evicted ones) when it allows it, and its idle connections closed. Returns the suspended pools.
     */
    static List<HikariDataSource> suspendAndEvict(ApplicationContext context) {
        List<HikariDataSource> suspended = new ArrayList<>();
        for (HikariDataSource pool : pools(context)) {
            HikariPoolMXBean bean = pool.getHikariPoolMXBean();
            if (bean == null) {
                continue; // never started: no connection to evict
            }
            if (pool.isAllowPoolSuspension()) {
                bean.suspendPool();
                suspended.add(pool);
            } else {
                LOG.warn("SnapStart: pool {} does not allow suspension (allow-pool-suspension); it may open a "
                        + "connection that the snapshot keeps", pool.getPoolName());
            }
            bean.softEvictConnections();
            awaitClosed(pool, bean);
        }
        return suspended;
    }

    /** Hikari closes evicted connections on its own thread: the snapshot must not be taken before they are gone. */
    private static void awaitClosed(HikariDataSource pool, HikariPoolMXBean bean) {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (bean.getTotalConnections() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (bean.getTotalConnections() > 0) {
            LOG.warn("SnapStart: pool {} still holds {} connections after {}", pool.getPoolName(), bean.getTotalConnections(), CLOSE_TIMEOUT);
        }
    }

    static void resume(List<?> pools) {
        for (Object pool : pools) {
            HikariPoolMXBean bean = ((HikariDataSource) pool).getHikariPoolMXBean();
            if (bean != null) {
                bean.resumePool(); // does nothing when the pool is not suspended
            }
        }
    }

    private static Set<HikariDataSource> pools(ApplicationContext context) {
        // micronaut-data hands out a proxy; its resolver finds the pool behind it
        DataSourceResolver resolver = context.findBean(DataSourceResolver.class).orElse(DataSourceResolver.DEFAULT);
        Set<HikariDataSource> pools = Collections.newSetFromMap(new IdentityHashMap<>());
        // Only the datasources already created: one that was never used holds no connection.
        for (BeanRegistration<DataSource> registration : context.getActiveBeanRegistrations(DataSource.class)) {
            DataSource dataSource = resolver.resolve(registration.getBean());
            if (dataSource instanceof HikariDataSource hikari) {
                pools.add(hikari);
            } else {
                try {
                    if (dataSource.isWrapperFor(HikariDataSource.class)) {
                        pools.add(dataSource.unwrap(HikariDataSource.class));
                    }
                } catch (SQLException e) {
                    LOG.debug("{} does not unwrap to a Hikari pool", dataSource, e);
                }
            }
        }
        return pools;
    }
}

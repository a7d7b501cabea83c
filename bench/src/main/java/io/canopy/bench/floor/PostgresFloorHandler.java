package io.canopy.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The no-framework floor for a PostgreSQL read: plain JDBC (pgjdbc), one connection opened at init (as Canopy's
 * pool keeps one idle connection), one primary-key SELECT per request from {@code bench_floor}, a row shaped like
 * a user. The row is the path parameter {@code id} or {@code BENCH_FLOOR_ROW}.
 */
public final class PostgresFloorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final String SELECT = "SELECT id, email, first_name, last_name, created_at FROM bench_floor WHERE id = ?";
    private static final String DEFAULT_ROW = System.getenv("BENCH_FLOOR_ROW");
    private static Connection connection = connect();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = event.getPathParameters();
        String id = path != null && path.get("id") != null ? path.get("id") : DEFAULT_ROW;
        try {
            return read(UUID.fromString(id));
        } catch (SQLException first) {
            // The connection broke (database restart): reconnect once, as a pool would.
            connection = connect();
            try {
                return read(UUID.fromString(id));
            } catch (SQLException e) {
                return FloorResponses.json(503, "{\"title\":\"Service Unavailable\",\"status\":503}");
            }
        }
    }

    private static APIGatewayV2HTTPResponse read(UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return FloorResponses.notFound();
                }
                String body = "{\"id\":" + FloorResponses.quote(row.getString(1))
                        + ",\"email\":" + FloorResponses.quote(row.getString(2))
                        + ",\"first_name\":" + FloorResponses.quote(row.getString(3))
                        + ",\"last_name\":" + FloorResponses.quote(row.getString(4))
                        + ",\"created_at\":" + FloorResponses.quote(row.getTimestamp(5).toInstant().toString()) + "}";
                return FloorResponses.json(200, body);
            }
        }
    }

    private static Connection connect() {
        try {
            return DriverManager.getConnection(System.getenv("JDBC_URL"), System.getenv("JDBC_USER"),
                    System.getenv("JDBC_PASSWORD"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + System.getenv("JDBC_URL"), e);
        }
    }
}

package dev.imageedit.mcp;

import dev.imageedit.app.Workspace;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * {@code edit mcp}: the product as an MCP server on stdin and stdout, for as long as the client
 * keeps its end open. One workspace serves every call, so the rules are loaded once and each
 * plan costs microseconds instead of a process start.
 */
public final class EditServer {
    private EditServer() {
    }

    /** What an agent is told about the server as a whole when it connects. */
    private static final String INSTRUCTIONS = "Edits images through the RunComfy Model API and picks the model for each request. "
            + "plan_edit shows the route, the cost in calls and images, and the exact requests without sending anything; "
            + "run_edit runs and saves the results. Images are public https:// URLs. Lead the prompt with what must stay the "
            + "same, then the one change; quote in-image text exactly.";

    /**
     * Serves until the client closes its end. Only protocol messages go to {@code out}: the caller
     * must keep everything else off it.
     */
    public static void serve(Workspace workspace, String version, InputStream in, OutputStream out) throws InterruptedException {
        CancellationWatch watch = new CancellationWatch(in);
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper());
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, watch, out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("image-edit", version)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // Arguments are checked by the tools themselves, so a bad one is a tool error naming
                // the field and its exit code, as on the command line.
                .validateToolInputs(false)
                // A run waits for its jobs: the server must not give up on its own tools.
                .requestTimeout(Duration.ofDays(1))
                .tools(new Tools(workspace, watch).all())
                .build();
        try {
            watch.awaitClose();
        } finally {
            server.closeGracefully();
        }
    }
}

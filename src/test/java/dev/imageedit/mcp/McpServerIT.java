package dev.imageedit.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The packaged {@code bin/edit mcp --sandbox} as a child process, driven by the MCP SDK's own
 * client over stdio, as an agent's client would.
 */
class McpServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOG = "https://example.com/dog.jpg";

    @TempDir
    Path home;

    private McpSyncClient client;
    private final List<McpSchema.ProgressNotification> progress = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> toolCallIds = Collections.synchronizedList(new ArrayList<>());
    private McpClientTransport transport;

    @AfterEach
    void close() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    /** Starts the server with these extra arguments; records the JSON-RPC id of every tool call sent. */
    private McpSyncClient connect(String... extra) {
        List<String> args = new ArrayList<>(List.of("mcp", "--sandbox"));
        args.addAll(List.of(extra));
        ServerParameters params = ServerParameters.builder(Path.of("bin/edit").toAbsolutePath().toString()).args(args)
                .env(Map.of("XDG_STATE_HOME", home.resolve("state").toString(), "HOME", home.toString())).build();
        StdioClientTransport stdio = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport = new Recording(stdio, toolCallIds);
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress::add).build();
        client.initialize();
        return client;
    }

    private static JsonNode structured(McpSchema.CallToolResult result) {
        return JSON.valueToTree(result.structuredContent());
    }

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> args) {
        return McpSchema.CallToolRequest.builder().name(tool).arguments(args).build();
    }

    @Test
    void listsTheSevenTools_eachWithADescriptionAndAnInputSchemaBuiltFromTheDescriptors() {
        List<McpSchema.Tool> tools = connect().listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
                "plan_edit", "run_edit", "get_job", "list_jobs", "cancel_job", "resume_job", "list_models");
        assertThat(tools).allSatisfy(t -> assertThat(t.description()).hasSizeGreaterThan(40));
        McpSchema.Tool plan = tools.stream().filter(t -> t.name().equals("plan_edit")).findFirst().orElseThrow();
        JsonNode schema = JSON.valueToTree(plan.inputSchema());
        assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactly("prompt", "images");
        JsonNode resolution = schema.path("properties").path("options").path("properties").path("resolution");
        assertThat(resolution.path("description").asText()).contains("nano: 0.5K | 1K | 2K | 4K").contains("gpt: 1k | 2k | 4k");
        assertThat(schema.path("properties").path("model").path("enum")).extracting(JsonNode::asText)
                .contains("nano", "gpt", "kontext", "inpaint", "google/nano-banana-2/edit");
    }

    @Test
    void planEdit_returnsTheDryRunDocument_andABadValueIsAToolErrorThatLeavesTheConnectionUsable() {
        McpSyncClient mcp = connect();
        McpSchema.CallToolResult bad = mcp.callTool(call("plan_edit",
                Map.of("prompt", "Remove the lamp.", "images", List.of(DOG), "options", Map.of("resolution", "8K"))));
        assertThat(bad.isError()).isTrue();
        assertThat(structured(bad).path("error").path("exit_code").asInt()).isEqualTo(65);
        assertThat(structured(bad).path("error").path("message").asText()).contains("--resolution 8K is not one of 0.5K, 1K, 2K, 4K");

        McpSchema.CallToolResult missing = mcp.callTool(call("plan_edit", Map.of("prompt", "Remove the lamp.")));
        assertThat(missing.isError()).isTrue();
        assertThat(structured(missing).path("error").path("exit_code").asInt()).isEqualTo(64);

        McpSchema.CallToolResult good = mcp.callTool(call("plan_edit",
                Map.of("prompt", "Keep the pose unchanged. Give the dog a red bandana.", "images", List.of(DOG))));
        assertThat(good.isError()).isFalse();
        JsonNode doc = structured(good);
        assertThat(doc.path("endpoint").asText()).isEqualTo("blackforestlabs/flux-1-kontext/pro/edit");
        assertThat(doc.path("calls").asInt()).isEqualTo(1);
        assertThat(doc.path("requests").get(0).path("body").path("image").asText()).isEqualTo(DOG);
        assertThat(((McpSchema.TextContent) good.content().get(0)).text()).contains("flux-1-kontext").contains("1 call, 1 image");
    }

    @Test
    void runEdit_savesTheFile_sendsProgress_andTheJobIsListed() throws Exception {
        McpSyncClient mcp = connect();
        Path out = home.resolve("out");
        McpSchema.CallToolResult result = mcp.callTool(McpSchema.CallToolRequest.builder().name("run_edit").progressToken("run-1")
                .arguments(Map.of("prompt", "Keep the pose unchanged. Give the dog a red bandana.", "images", List.of(DOG),
                        "output_dir", out.toString())).build());
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        JsonNode request = structured(result).path("requests").get(0);
        assertThat(request.path("status").asText()).isEqualTo("completed");
        assertThat(request.path("inputs").get(0).asText()).isEqualTo(DOG);
        Path saved = Path.of(request.path("outputs").get(0).path("path").asText());
        assertThat(saved).hasFileName("dog-edited.png").startsWith(out);
        assertThat(Files.size(saved)).isPositive();

        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("run-1"));
        assertThat(progress.get(progress.size() - 1).progress()).isEqualTo(1.0);
        assertThat(progress).anySatisfy(p -> assertThat(p.message()).contains("completed"));

        JsonNode jobs = structured(mcp.callTool(call("list_jobs", Map.of("limit", 5)))).path("jobs");
        assertThat(jobs).anySatisfy(j -> {
            assertThat(j.path("request_id").asText()).isEqualTo(request.path("request_id").asText());
            assertThat(j.path("status").asText()).isEqualTo("saved");
        });
    }

    @Test
    void aClientsCancellation_cancelsTheQueuedJob_asCtrlCDoes() throws Exception {
        McpSyncClient mcp = connect("--sandbox-fault", "queued");
        CompletableFuture<McpSchema.CallToolResult> running = CompletableFuture.supplyAsync(() -> mcp.callTool(
                McpSchema.CallToolRequest.builder().name("run_edit").progressToken("queued-1").arguments(Map.of("prompt",
                        "Keep the pose unchanged. Give the dog a red bandana.", "images", List.of(DOG),
                        "output_dir", home.resolve("out").toString())).build()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (progress.stream().noneMatch(p -> p.message().contains("in_queue")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(toolCallIds).hasSize(1);
        transport.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                Map.of("requestId", toolCallIds.get(0), "reason", "the user changed their mind"))).block();

        McpSchema.CallToolResult result = running.get(30, TimeUnit.SECONDS);
        assertThat(result.isError()).isTrue();
        JsonNode doc = structured(result);
        assertThat(doc.path("error").path("exit_code").asInt()).isEqualTo(130);
        assertThat(doc.path("cancels").elements().next().asText()).isEqualTo("cancelled");
    }

    @Test
    void cancelJob_cancelsAQueuedRequestSubmittedWithoutWaiting() {
        McpSyncClient mcp = connect("--sandbox-fault", "queued");
        McpSchema.CallToolResult submitted = mcp.callTool(call("run_edit", Map.of("prompt",
                "Keep the pose unchanged. Give the dog a red bandana.", "images", List.of(DOG), "wait", false,
                "output_dir", home.resolve("out").toString())));
        assertThat(submitted.isError()).isFalse();
        String id = structured(submitted).path("requests").get(0).path("request_id").asText();
        assertThat(structured(mcp.callTool(call("get_job", Map.of("request_id", id)))).path("status").asText()).isEqualTo("in_queue");
        JsonNode cancelled = structured(mcp.callTool(call("cancel_job", Map.of("request_id", id))));
        assertThat(cancelled.path("outcome").asText()).isEqualTo("cancelled");
        McpSchema.CallToolResult badId = mcp.callTool(call("get_job", Map.of("request_id", "../../admin")));
        assertThat(badId.isError()).isTrue();
        assertThat(structured(badId).path("error").path("exit_code").asInt()).isEqualTo(64);
    }

    /** The client's own stdio transport, noting the id of each tool call it sends. */
    private record Recording(McpClientTransport delegate, List<Object> toolCallIds) implements McpClientTransport {
        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return delegate.connect(handler);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCRequest request && request.method().equals("tools/call")) {
                toolCallIds.add(request.id());
            }
            return delegate.sendMessage(message);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return delegate.unmarshalFrom(data, type);
        }
    }
}

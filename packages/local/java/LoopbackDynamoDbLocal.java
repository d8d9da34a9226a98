import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local exactly as `java -jar DynamoDBLocal.jar <args>` does, but listening on one
 * address (system property `crm.dynamodb.host`, default 127.0.0.1) instead of every interface.
 *
 * DynamoDB Local has no bind option: it builds Jetty with `new Server(port)`, whose connector binds
 * the wildcard address, and it has no authentication, so anyone on the network could read every
 * item (password and refresh-token hashes included). The connector's host can still be set before
 * the server starts; the field holding the Jetty server is private, hence the reflection. If a
 * future DynamoDB Local renames it, this fails loudly at start-up rather than binding openly.
 */
public final class LoopbackDynamoDbLocal {
  private LoopbackDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    String host = System.getProperty("crm.dynamodb.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    if (proxy == null) return; // -help or -version: already printed
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost(host);
    proxy.start();
  }
}

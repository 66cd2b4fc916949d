package com.edgepay.gateway.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server that answers like Juspay's API, with a control API under {@code /__sim/}. Deploy several
 * instances with one shared {@link SimulatorState} to spread load over event loops; they share one port,
 * an ephemeral one included.
 */
public final class SimulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);
  private static final long BODY_LIMIT_BYTES = 1024 * 1024;

  private final SimulatorOptions options;
  private final SimulatorState state;
  private HttpServer server;

  public SimulatorVerticle(SimulatorOptions options, SimulatorState state) {
    this.options = Objects.requireNonNull(options, "options");
    this.state = Objects.requireNonNull(state, "state");
  }

  @Override
  public Future<?> start() {
    SplittableRandom random = state.forkRandom(options.seed());
    LOG.info("simulator instance starting: latency={} seed={}", options.latency(), options.seed());
    Router router = router(random);
    // A negative port asks Vert.x for one random port shared by every server using that same number.
    int port = options.port() == 0 ? state.ephemeralPortKey() : options.port();
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(port, options.host())
        .onSuccess(listening -> {
          server = listening;
          state.boundPort(listening.actualPort());
        });
  }

  /** The port this instance listens on; only meaningful once {@link #start()} has succeeded. */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("simulator not started");
    }
    return server.actualPort();
  }

  private Router router(SplittableRandom random) {
    Ids ids = new Ids(random);
    JuspayGate gate = new JuspayGate(vertx, state, options.latency(), random, ids);
    OrderHandlers orders = new OrderHandlers(state, ids);
    TxnHandlers txns = new TxnHandlers(state, ids);
    PreAuthHandlers preAuth = new PreAuthHandlers(state);
    SessionHandler session = new SessionHandler(state, ids);

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    new ControlRoutes(state).mount(router);
    mount(router, gate, JuspayRoute.CREATE_ORDER, orders::create);
    mount(router, gate, JuspayRoute.ORDER_STATUS, orders::status);
    mount(router, gate, JuspayRoute.UPDATE_ORDER, orders::update);
    mount(router, gate, JuspayRoute.REFUND, orders::refund);
    mount(router, gate, JuspayRoute.REFUND_BY_BODY, orders::refundByBody);
    mount(router, gate, JuspayRoute.TXNS, txns::txns);
    mount(router, gate, JuspayRoute.SESSION, session::session);
    mount(router, gate, JuspayRoute.CAPTURE, preAuth::capture);
    mount(router, gate, JuspayRoute.VOID, preAuth::voidTxn);
    return router;
  }

  private static void mount(Router router, JuspayGate gate, JuspayRoute route, JuspayHandler handler) {
    router.route(route.method(), route.path()).handler(gate.wrap(route, handler));
  }
}

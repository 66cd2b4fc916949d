package com.edgepay.gateway.bench;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.form.FormCodec;
import com.edgepay.gateway.form.Repeats;
import com.edgepay.gateway.validation.Validator;
import com.edgepay.gateway.validation.Violations;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The validator's cost for a realistic /txns body: Juspay's "Order + Txns API - Cards" sample,
 * 49 parameters. Run with load-tests/jmh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidatorBenchmark {
  static final String CARDS_SAMPLE = "order.order_id=ord_1590759422&order.amount=101550.00&order.currency=INR"
      + "&order.customer_id=cst_1590759422&order.return_url=https%3A%2F%2Fmerchant.in%2Fpayments&merchant_id=acme_shop"
      + "&payment_method_type=CARD&payment_method=VISA&card_number=4242424242424242&card_exp_month=10"
      + "&card_exp_year=25&name_on_card=Name&card_security_code=111&save_to_locker=true&redirect_after_payment=true"
      + "&order.customer_email=customer%40gmail.com&order.customer_phone=9988665522&order.product_id=prod-141833"
      + "&order.description=Sample+description&order.billing_address_first_name=Juspay"
      + "&order.billing_address_last_name=Technologies&order.billing_address_line1=Girija+Building"
      + "&order.billing_address_line2=Ganapathi+Temple+Road&order.billing_address_line3=8th+Block%2C+Koramangala"
      + "&order.billing_address_city=Bengaluru&order.billing_address_state=Karnataka"
      + "&order.billing_address_country=India&order.billing_address_postal_code=560095"
      + "&order.billing_address_phone=9988775566&order.billing_address_country_code_iso=IND"
      + "&order.shipping_address_first_name=Juspay&order.shipping_address_last_name=Technologies"
      + "&order.shipping_address_line1=Girija+Building&order.shipping_address_line2=Ganapathi+Temple+Road"
      + "&order.shipping_address_line3=8th+Block%2C+Koramangala&order.shipping_address_city=Bengaluru"
      + "&order.shipping_address_state=Karnataka&order.shipping_address_postal_code=560095"
      + "&order.shipping_address_phone=9962881912&order.shipping_address_country_code_iso=IND"
      + "&order.shipping_address_country=India&order.metadata.PAYTM%3APROMO_CAMP_ID=xyz"
      + "&order.metadata.PAYTM%3ACUST_ID=1234&order.metadata.PAYU%3Aoffer_key=1234"
      + "&order.metadata.PAYU%3Agateway_reference_id=bus&order.options.get_client_auth_token=true"
      + "&order.metadata.subvention_amount=90&order.metadata.auto_refund_post_success=true&format=json";

  private final Validator validator = new Validator();
  private Buffer wire;
  private FormBody parsed;

  @Setup
  public void setUp() {
    wire = Buffer.buffer(CARDS_SAMPLE);
    parsed = FormCodec.parse(wire);
    if (validator.check(ApiRoute.TXNS, parsed).any()) {
      throw new IllegalStateException("the benchmark body must be valid");
    }
  }

  /** The rules alone, on an already parsed body: what the pipeline's validate step costs. */
  @Benchmark
  public Violations validate() {
    return validator.check(ApiRoute.TXNS, parsed);
  }

  /** Parsing alone: bytes to the ordered, indexed parameter list. */
  @Benchmark
  public FormBody parse() {
    return FormCodec.parse(wire);
  }

  /** Parsing the form, the repeat check and the rules: the body's whole cost before the claim. */
  @Benchmark
  public Violations parseAndValidate() {
    return validator.check(ApiRoute.TXNS, Repeats.collapse(FormCodec.parse(wire)));
  }
}

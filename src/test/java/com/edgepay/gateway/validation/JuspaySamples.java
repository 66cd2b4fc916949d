package com.edgepay.gateway.validation;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.form.FormCodec;
import com.edgepay.gateway.form.JsonForm;
import com.edgepay.gateway.form.Repeats;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curl samples of Juspay's pages (a copy of shared/juspay-docs under test resources), as the
 * bodies the gateway would receive, with the docs' placeholders replaced by real values.
 */
final class JuspaySamples {
  static final String MERCHANT = "acme_shop";
  static final List<String> PAGES = List.of("create-order-api.md", "create-order-with-payments.md",
      "pre-auth-order-payment.txt");
  /** Placeholder in the docs, and what a real merchant would send in its place. */
  static final Map<String, String> PLACEHOLDERS = new LinkedHashMap<>();

  static {
    PLACEHOLDERS.put("<only to be passed if taking TPV, pass 'TPV_PAYMENT'>,", "TPV_PAYMENT");
    PLACEHOLDERS.put("<only to be passed if taking TPV, pass 'TPV_PAYMENT'>", "TPV_PAYMENT");
    PLACEHOLDERS.put("<gateway_id at Juspay>", "15");
    PLACEHOLDERS.put("<bank account>", "00011111111623");
    PLACEHOLDERS.put("<ifsc>", "HDFC0000123");
    PLACEHOLDERS.put("<payer vpa>", "payer@okhdfc");
    PLACEHOLDERS.put("<your-merchant-id>", MERCHANT);
    PLACEHOLDERS.put("<merchant_id>", MERCHANT);
    PLACEHOLDERS.put("=:card_token", "=tkn_5f2a9c1e");
  }

  private static final Pattern URL = Pattern.compile("https://[a-z]+\\.juspay\\.in(/[a-z]+)");
  private static final Pattern URLENCODED = Pattern.compile("--data-urlencode (['\"])(.*?)\\1");

  /** One sample request: where it came from, its route and its body. */
  record Sample(String page, String title, ApiRoute route, FormBody body) {
    @Override
    public String toString() {
      return page + " / " + title;
    }
  }

  private JuspaySamples() {
  }

  static List<Sample> all() {
    List<Sample> samples = new ArrayList<>();
    for (String page : PAGES) {
      String text = read(page);
      String[] blocks = text.split("```");
      for (int i = 1; i < blocks.length; i += 2) {
        if (blocks[i].contains("curl")) {
          samples.add(sample(page, blocks[i]));
        }
      }
    }
    return samples;
  }

  static String read(String page) {
    try (InputStream in = JuspaySamples.class.getResourceAsStream("/juspay-docs/" + page)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Sample sample(String page, String block) {
    String title = block.substring(0, block.indexOf('\n')).trim();
    for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
      block = block.replace(p.getKey(), p.getValue());
    }
    Matcher url = URL.matcher(block);
    url.find();
    ApiRoute route = url.group(1).equals("/orders") ? ApiRoute.CREATE_ORDER : ApiRoute.TXNS;
    FormBody body = block.contains("--data-urlencode") ? urlencoded(block) : json(block);
    if (body.has("merchant_id")) {
      body = body.with("merchant_id", MERCHANT);
    }
    return new Sample(page, title, route, Repeats.collapse(body));
  }

  /** curl's --data-urlencode 'name=value' encodes the value only; the name is sent as written. */
  private static FormBody urlencoded(String block) {
    StringBuilder wire = new StringBuilder();
    Matcher m = URLENCODED.matcher(block);
    while (m.find()) {
      String pair = m.group(2);
      int eq = pair.indexOf('=');
      wire.append(wire.length() == 0 ? "" : "&").append(pair, 0, eq).append('=')
          .append(java.net.URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return FormCodec.parse(Buffer.buffer(wire.toString()));
  }

  private static FormBody json(String block) {
    int start = block.indexOf('{', block.indexOf("--data"));
    int depth = 0;
    boolean inString = false;
    int end = start;
    for (int i = start; i < block.length(); i++) {
      char c = block.charAt(i);
      if (c == '"' && block.charAt(i - 1) != '\\') {
        inString = !inString;
      } else if (!inString && c == '{') {
        depth++;
      } else if (!inString && c == '}' && --depth == 0) {
        end = i;
        break;
      }
    }
    return JsonForm.parse(Buffer.buffer(block.substring(start, end + 1)));
  }
}

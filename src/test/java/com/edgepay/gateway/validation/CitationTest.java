package com.edgepay.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule cites the doc line it comes from, and the quoted line is really in that page. */
class CitationTest {
  @Test
  void everyRuleQuotesItsPage() {
    List<String> sources = Validator.allTables().stream()
        .flatMap(t -> Stream.concat(t.fieldRules().stream().map(FieldRule::source),
            t.crossRules().stream().map(CrossRule::source)))
        .distinct().toList();
    List<String> broken = new ArrayList<>();
    for (String source : sources) {
      int colon = source.indexOf(": ");
      String page = colon < 0 ? "" : source.substring(0, colon);
      String quote = colon < 0 ? "" : source.substring(colon + 2);
      boolean found = !quote.isBlank() && List.of("create-order-api.md", "create-order-with-payments.md",
          "pre-auth-order-payment.txt", "README.md").contains(page) && JuspaySamples.read(page).contains(quote);
      if (!found) {
        broken.add(source);
      }
    }
    assertTrue(sources.size() > 40, "expected a citation per rule, found " + sources.size());
    assertTrue(broken.isEmpty(), "citations not found in their page: " + broken);
  }
}

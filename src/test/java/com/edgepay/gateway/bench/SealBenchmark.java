package com.edgepay.gateway.bench;

import com.edgepay.gateway.crypto.RecordSeal;
import com.edgepay.gateway.crypto.SealingKeys;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealing a stored answer (AES-256-GCM with the record's key as associated data) and opening it,
 * at the sizes Juspay's answers come in: a create-order answer is about 1 KB. Run with
 * {@code load-tests/jmh SealBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealBenchmark {
  private static final String WHERE = "gw:{acme}:idem:orders:ord_1590759422";

  @Param({"1024", "4096"})
  int size;

  private RecordSeal seal;
  private byte[] answer;
  private byte[] sealed;

  @Setup
  public void setUp() {
    seal = new RecordSeal(SealingKeys.parse(SealingKeys.generate("bench")));
    answer = new byte[size];
    new Random(7).nextBytes(answer);
    sealed = seal.seal(answer, WHERE);
  }

  @Benchmark
  public byte[] sealAnswer() {
    return seal.seal(answer, WHERE);
  }

  @Benchmark
  public byte[] openAnswer() {
    return seal.open(sealed, WHERE);
  }
}

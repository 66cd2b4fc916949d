/*
 * openloop: an open-loop HTTP/1.1 load generator (the idea of wrk2, small enough to read).
 *
 * Requests fall due on a fixed schedule (start + i / rate), whether or not earlier ones have been
 * answered, and each latency is measured from its due time, not from when a connection was free
 * to send it. A server that stalls therefore cannot hide the stall (no coordinated omission).
 * Keep-alive connections are opened up front; a due request waits for a free one, and that wait
 * counts. A timerfd wakes the loop at each due time, so the schedule is accurate to microseconds.
 * Every latency is kept, so percentiles are exact.
 *
 * Build: gcc -O2 -o openloop openloop.c
 * Run:   openloop -u http://127.0.0.1:8080/orders -r 5000 -d 10 -w 5 -c 64 [-k gateway-key] [-g]
 *        -g sends GET instead of POST. Every POST carries a unique order_id. Prints one JSON line.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN 1024
#define BUF 16384

typedef struct {
  int fd;
  int busy;
  long idx;          /* request in flight on this connection */
  char out[2048];
  int out_len, out_sent;
  char in[BUF];
  int in_len;
} conn_t;

static conn_t conns[MAX_CONN];
static int nconn = 64, epfd, tfd, use_get = 0;
static struct sockaddr_in addr;
static char host[256], path[512], auth[640] = "";
static double rate = 1000;
static long warm_s = 5, dur_s = 10;
static int64_t start_ns, measure_ns, end_ns;
static long next_idx = 0, dispatched = 0, outstanding = 0;
static int64_t *lat;
static long nlat = 0, ok = 0, bad_status = 0, io_errors = 0, measured_sent = 0;
static char run_id[32];

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int64_t due_of(long idx) { return start_ns + (int64_t)(idx * (1e9 / rate)); }

static void arm_timer(int64_t at) {
  struct itimerspec its = {0};
  if (at <= now_ns()) at = now_ns() + 1000;
  its.it_value.tv_sec = at / 1000000000LL;
  its.it_value.tv_nsec = at % 1000000000LL;
  timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static int open_conn(conn_t *c) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS) return -1;
  struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c};
  epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
  c->busy = 0;
  c->in_len = 0;
  return 0;
}

static void flush_out(conn_t *c) {
  while (c->out_sent < c->out_len) {
    ssize_t n = send(c->fd, c->out + c->out_sent, c->out_len - c->out_sent, MSG_NOSIGNAL);
    if (n <= 0) return; /* EAGAIN: EPOLLOUT calls again; EPIPE: the read side sees the close */
    c->out_sent += n;
  }
}

static void send_on(conn_t *c, long idx) {
  char body[512];
  int blen = snprintf(body, sizeof body,
      "order_id=b%s_%ld&amount=100.00&currency=INR&customer_id=cust_%ld&customer_email=shopper%%40example.com"
      "&customer_phone=9988665522&return_url=https%%3A%%2F%%2Fshop.example.com%%2Fdone&description=Load+test+order",
      run_id, idx, idx % 5000);
  if (use_get) {
    c->out_len = snprintf(c->out, sizeof c->out, "GET %s HTTP/1.1\r\nHost: %s\r\n%s\r\n", path, host, auth);
  } else {
    c->out_len = snprintf(c->out, sizeof c->out,
        "POST %s HTTP/1.1\r\nHost: %s\r\n%sContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
        path, host, auth, blen, body);
  }
  c->out_sent = 0;
  c->busy = 1;
  c->idx = idx;
  c->in_len = 0;
  outstanding++;
  flush_out(c);
}

static void dispatch(void) {
  for (int i = 0; i < nconn && dispatched < next_idx; i++) {
    if (!conns[i].busy && conns[i].fd >= 0) send_on(&conns[i], dispatched++);
  }
}

static void record(conn_t *c, int status) {
  int64_t due = due_of(c->idx);
  outstanding--;
  c->busy = 0;
  if (due < measure_ns || due >= end_ns) return;
  lat[nlat++] = now_ns() - due;
  if (status >= 200 && status < 300) ok++; else bad_status++;
}

static void reconnect(conn_t *c) {
  epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  open_conn(c);
}

/* Reads a whole response: headers, then Content-Length bytes of body. */
static void on_readable(conn_t *c) {
  for (;;) {
    ssize_t n = read(c->fd, c->in + c->in_len, BUF - c->in_len - 1);
    if (n == 0 || (n < 0 && errno != EAGAIN)) {
      if (c->busy) { outstanding--; c->busy = 0; if (due_of(c->idx) >= measure_ns && due_of(c->idx) < end_ns) io_errors++; }
      reconnect(c);
      return;
    }
    if (n < 0) return;
    c->in_len += n;
    c->in[c->in_len] = 0;
    char *hdr_end = strstr(c->in, "\r\n\r\n");
    if (!hdr_end) continue;
    int status = atoi(c->in + 9);
    long clen = 0;
    char *cl = strcasestr(c->in, "\r\ncontent-length:");
    if (cl && cl < hdr_end) clen = atol(cl + 17);
    int close_after = strcasestr(c->in, "\r\nconnection: close") != NULL;
    long total = (hdr_end + 4 - c->in) + clen;
    if (c->in_len < total) continue;
    record(c, status);
    if (close_after) { reconnect(c); return; }
    c->in_len = 0;
    dispatch();
    return;
  }
}

static int cmp64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

static double pct(double p) {
  if (nlat == 0) return 0;
  long i = (long)(p / 100.0 * nlat);
  if (i >= nlat) i = nlat - 1;
  return lat[i] / 1000.0;
}

int main(int argc, char **argv) {
  /* A server may close a keep-alive connection (Connection: close); a write to it must not kill us. */
  signal(SIGPIPE, SIG_IGN);
  char url[1024] = "http://127.0.0.1:8080/orders", key[256] = "";
  int opt;
  while ((opt = getopt(argc, argv, "u:r:d:w:c:k:g")) != -1) {
    switch (opt) {
      case 'u': snprintf(url, sizeof url, "%s", optarg); break;
      case 'r': rate = atof(optarg); break;
      case 'd': dur_s = atol(optarg); break;
      case 'w': warm_s = atol(optarg); break;
      case 'c': nconn = atoi(optarg) > MAX_CONN ? MAX_CONN : atoi(optarg); break;
      case 'k': snprintf(key, sizeof key, "%s", optarg); break;
      case 'g': use_get = 1; break;
    }
  }
  int port = 80;
  if (sscanf(url, "http://%255[^:/]:%d%511s", host, &port, path) < 3) {
    fprintf(stderr, "url must be http://host:port/path\n");
    return 2;
  }
  if (key[0]) {
    /* Basic base64("key:") */
    static const char *b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char raw[300], enc[512];
    int rl = snprintf(raw, sizeof raw, "%s:", key), el = 0;
    for (int i = 0; i < rl; i += 3) {
      int v = (unsigned char)raw[i] << 16 | (i + 1 < rl ? (unsigned char)raw[i + 1] << 8 : 0) | (i + 2 < rl ? (unsigned char)raw[i + 2] : 0);
      enc[el++] = b64[v >> 18 & 63];
      enc[el++] = b64[v >> 12 & 63];
      enc[el++] = i + 1 < rl ? b64[v >> 6 & 63] : '=';
      enc[el++] = i + 2 < rl ? b64[v & 63] : '=';
    }
    enc[el] = 0;
    snprintf(auth, sizeof auth, "Authorization: Basic %s\r\n", enc);
  }
  snprintf(run_id, sizeof run_id, "%lx%x", (long)time(NULL) & 0xfffff, getpid() & 0xfff);
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, strcmp(host, "localhost") ? host : "127.0.0.1", &addr.sin_addr);
  lat = malloc(sizeof(int64_t) * (size_t)(rate * dur_s + 1024));

  epfd = epoll_create1(0);
  tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct epoll_event tev = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &tev);
  for (int i = 0; i < nconn; i++) open_conn(&conns[i]);

  start_ns = now_ns() + 100000000LL;
  measure_ns = start_ns + warm_s * 1000000000LL;
  end_ns = measure_ns + dur_s * 1000000000LL;
  arm_timer(start_ns);
  struct epoll_event evs[256];
  int64_t give_up = end_ns + 5000000000LL;
  for (;;) {
    int n = epoll_wait(epfd, evs, 256, 100);
    for (int i = 0; i < n; i++) {
      conn_t *c = evs[i].data.ptr;
      if (!c) {
        uint64_t x;
        if (read(tfd, &x, sizeof x) < 0) { /* spurious wake */ }
        continue;
      }
      if (evs[i].events & EPOLLOUT && c->busy) flush_out(c);
      if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) on_readable(c);
    }
    int64_t now = now_ns();
    while (due_of(next_idx) <= now && due_of(next_idx) < end_ns) {
      if (due_of(next_idx) >= measure_ns) measured_sent++;
      next_idx++;
    }
    dispatch();
    if (due_of(next_idx) < end_ns) arm_timer(due_of(next_idx));
    if ((now >= end_ns && outstanding == 0 && dispatched >= next_idx) || now >= give_up) break;
  }
  long answered = ok + bad_status;
  long lost = measured_sent - answered - io_errors;
  qsort(lat, nlat, sizeof(int64_t), cmp64);
  double mean = 0;
  for (long i = 0; i < nlat; i++) mean += lat[i];
  mean = nlat ? mean / nlat / 1000.0 : 0;
  printf("{\"rate\":%.0f,\"seconds\":%ld,\"sent\":%ld,\"ok\":%ld,\"errors\":%ld,\"mean_us\":%.1f,"
         "\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f,\"max_us\":%.1f,\"achieved_rps\":%.1f}\n",
         rate, dur_s, measured_sent, ok, bad_status + io_errors + (lost > 0 ? lost : 0), mean, pct(50), pct(90), pct(99),
         pct(99.9), nlat ? lat[nlat - 1] / 1000.0 : 0, ok / (double)dur_s);
  return 0;
}

/* The glibc side of GlibcHostsDifferentialTests: asks this machine's glibc what a hosts file answers.
   Compiled with gcc at test time. Run as root: it enters a private mount namespace of its own, mounts a
   tmpfs on SCRATCH_DIR and bind-mounts files from it over /etc/hosts, /etc/nsswitch.conf ("hosts: files"
   only, so no DNS query is ever made) and /etc/host.conf ("multi on"), then reads commands from stdin,
   one per line:
     F <hex bytes> write these bytes over /etc/hosts (glibc opens the file afresh on every lookup)
     Q <hex name>  print "R <gai> | <nss>": getaddrinfo's answers (AF_UNSPEC, SOCK_STREAM) sorted, and
                   _nss_files_gethostbyname4_r's answers in file order; each "4:a.b.c.d" or "6:<32 hex>",
                   comma-separated, or "-" for none. A name is hex so that any byte can be asked for. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

struct gaih_addrtuple { struct gaih_addrtuple *next; char *name; int family; uint32_t addr[4]; uint32_t scopeid; };
typedef int (*by_name4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *, int32_t *);

static void die(const char *what) { perror(what); exit(2); }

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  if (!f || fputs(text, f) < 0 || fclose(f) != 0) die(path);
}

static void bind_over(const char *source, const char *target)
{
  if (mount(source, target, NULL, MS_BIND, NULL) != 0) die(target);
}

static void format_address(char *out, int family, const void *addr)
{
  const unsigned char *b = addr;
  if (family == AF_INET)
    sprintf(out, "4:%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
  else
    {
      strcpy(out, "6:");
      for (int i = 0; i < 16; i++) sprintf(out + 2 + 2 * i, "%02x", b[i]);
    }
}

static int compare_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void print_list(char **items, size_t count)
{
  if (count == 0) { fputs("-", stdout); return; }
  for (size_t i = 0; i < count; i++) { if (i) putchar(','); fputs(items[i], stdout); }
}

static void ask(const char *name, by_name4_fn by_name4)
{
  static char *items[100000];
  size_t count = 0;
  struct addrinfo hints = { 0 }, *result = NULL;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  int rc = getaddrinfo(name, NULL, &hints, &result);
  for (struct addrinfo *ai = rc == 0 ? result : NULL; ai && count < 100000; ai = ai->ai_next)
    {
      char *text = malloc(40);
      if (ai->ai_family == AF_INET)
        format_address(text, AF_INET, &((struct sockaddr_in *)ai->ai_addr)->sin_addr);
      else
        format_address(text, AF_INET6, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr);
      items[count++] = text;
    }
  if (result) freeaddrinfo(result);
  qsort(items, count, sizeof items[0], compare_text);
  fputs("R ", stdout);
  print_list(items, count);
  for (size_t i = 0; i < count; i++) free(items[i]);
  count = 0;

  size_t size = 1024;
  char *buffer = NULL;
  struct gaih_addrtuple *tuples = NULL;
  int status, err = 0, herr = 0;
  for (;;)
    {
      buffer = realloc(buffer, size);
      tuples = NULL;
      status = by_name4(name, &tuples, buffer, size, &err, &herr, NULL);
      if (status == -2 /* NSS_STATUS_TRYAGAIN */ && err == ERANGE) { size *= 2; continue; }
      break;
    }
  for (struct gaih_addrtuple *t = status == 1 ? tuples : NULL; t && count < 100000; t = t->next)
    {
      char *text = malloc(40);
      format_address(text, t->family, t->addr);
      items[count++] = text;
    }
  fputs(" | ", stdout);
  print_list(items, count);
  putchar('\n');
  for (size_t i = 0; i < count; i++) free(items[i]);
  free(buffer);
}

static int hex_value(int c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

int main(int argc, char **argv)
{
  if (argc != 2) { fprintf(stderr, "usage: hosts-oracle SCRATCH_DIR\n"); return 2; }
  char hosts[4096], nsswitch[4096], hostconf[4096];
  snprintf(hosts, sizeof hosts, "%s/hosts", argv[1]);
  snprintf(nsswitch, sizeof nsswitch, "%s/nsswitch.conf", argv[1]);
  snprintf(hostconf, sizeof hostconf, "%s/host.conf", argv[1]);
  if (unshare(CLONE_NEWNS) != 0) die("unshare");
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("mount private");
  /* A tmpfs: rewriting a file on ext4 costs milliseconds, here microseconds. */
  if (mount("tmpfs", argv[1], "tmpfs", 0, "size=64m") != 0) die("mount tmpfs");
  write_file(hosts, "");
  write_file(nsswitch, "hosts: files\n");
  write_file(hostconf, "multi on\n");
  bind_over(hosts, "/etc/hosts");
  bind_over(nsswitch, "/etc/nsswitch.conf");
  bind_over(hostconf, "/etc/host.conf");

  by_name4_fn by_name4 = (by_name4_fn)dlsym(RTLD_DEFAULT, "_nss_files_gethostbyname4_r");
  if (!by_name4)
    {
      void *files = dlopen("libnss_files.so.2", RTLD_NOW);
      by_name4 = files ? (by_name4_fn)dlsym(files, "_nss_files_gethostbyname4_r") : NULL;
    }
  if (!by_name4) { fprintf(stderr, "no _nss_files_gethostbyname4_r\n"); return 2; }

  static char line[1 << 23];
  static char name[1 << 19];
  static char content[1 << 22];  /* a file of up to 4 MiB */
  while (fgets(line, sizeof line, stdin))
    {
      line[strcspn(line, "\n")] = '\0';
      if (line[0] == 'F' && line[1] == ' ')
        {
          size_t n = strlen(line + 2) / 2;
          for (size_t i = 0; i < n; i++)
            content[i] = (char)(hex_value(line[2 + 2 * i]) * 16 + hex_value(line[3 + 2 * i]));
          int fd = open("/etc/hosts", O_WRONLY | O_TRUNC);
          if (fd < 0 || write(fd, content, n) != (ssize_t)n || close(fd) != 0) die("/etc/hosts");
        }
      else if (line[0] == 'Q' && line[1] == ' ')
        {
          size_t len = strlen(line + 2) / 2;
          for (size_t i = 0; i < len; i++)
            name[i] = (char)(hex_value(line[2 + 2 * i]) * 16 + hex_value(line[3 + 2 * i]));
          name[len] = '\0';
          ask(name, by_name4);
        }
      else
        {
          fprintf(stderr, "unknown command: %s\n", line);
          return 2;
        }
      fflush(stdout);
    }
  return 0;
}

#!/usr/bin/python3
"""Mult-VAE in PyTorch, the peer of Surrogate's 'mult-vae' for benchmarks/multvae/run.sh.

The same network as the Java plugin: [I-600-200-600-I], tanh hidden layers, separate linear heads
for the latent mean and log-variance, Glorot-uniform weights and N(0, 0.001) biases, dropout 0.5 on
the L2-normalised input, multinomial log-likelihood (log-softmax over items), KL weight
min(beta_max, step / total_anneal_steps), Adam (lr 1e-3), batches of 500 users shuffled every epoch.
It reads the strong generalization split written by the Java benchmark (MultVaeBenchmark, out=DIR),
prints the time of every epoch and, at the end, NDCG@100, Recall@20 and Recall@50 of the held-out
users scored from their fold-in items (mean of the encoder, no sampling; fold-in items excluded).

Usage: multvae_torch.py SPLIT_DIR [--epochs N] [--threads T] [--seed S]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_rows(path, rows, items):
    m = np.zeros((rows, items), dtype=np.float32)
    with open(path) as f:
        for line in f:
            r, i = line.split("\t")
            m[int(r), int(i)] = 1.0
    return m


class MultVae(torch.nn.Module):
    def __init__(self, items, hidden=600, latent=200):
        super().__init__()
        self.enc = torch.nn.Linear(items, hidden)
        self.mu = torch.nn.Linear(hidden, latent)
        self.logvar = torch.nn.Linear(hidden, latent)
        self.dec = torch.nn.Linear(latent, hidden)
        self.out = torch.nn.Linear(hidden, items)
        for layer in (self.enc, self.mu, self.logvar, self.dec, self.out):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.normal_(layer.bias, std=0.001)

    def forward(self, x, dropout):
        h = F.normalize(x, dim=1)
        h = F.dropout(h, p=dropout, training=self.training)
        h = torch.tanh(self.enc(h))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.out(torch.tanh(self.dec(z))), mu, logvar


def evaluate(model, fold_in, test):
    model.eval()
    with torch.no_grad():
        logits, _, _ = model(torch.from_numpy(fold_in), 0.0)
    scores = logits.numpy().copy()
    scores[fold_in > 0] = -np.inf
    discount = 1.0 / np.log2(np.arange(2, 102))
    ndcg, r20, r50, n = 0.0, 0.0, 0.0, 0
    for r in range(scores.shape[0]):
        relevant = test[r] > 0
        count = int(relevant.sum())
        if count == 0:
            continue
        order = np.argsort(-scores[r], kind="stable")[:100]
        hits = relevant[order]
        ndcg += float((hits * discount).sum() / discount[:min(100, count)].sum())
        r20 += hits[:20].sum() / min(20, count)
        r50 += hits[:50].sum() / min(50, count)
        n += 1
    return ndcg / n, r20 / n, r50 / n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("split")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--batch", type=int, default=500)
    p.add_argument("--beta-max", type=float, default=0.2)
    p.add_argument("--total-anneal-steps", type=int, default=200000)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    with open(os.path.join(a.split, "meta.tsv")) as f:
        users, items, held = (int(v) for v in f.readline().split("\t"))
    train = read_rows(os.path.join(a.split, "train.tsv"), users, items)
    fold_in = read_rows(os.path.join(a.split, "foldin.tsv"), held, items)
    test = read_rows(os.path.join(a.split, "test.tsv"), held, items)
    train = train[train.sum(axis=1) > 0]
    print(f"torch {torch.__version__}: {train.shape[0]} train users, {held} test users, {items} items, "
          f"{int(train.sum())} train interactions; {a.epochs} epochs, {torch.get_num_threads()} threads")
    model = MultVae(items)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    step = 0
    seconds = []
    cpu = []
    t_start = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        c0 = time.process_time()
        model.train()
        order = rng.permutation(train.shape[0])
        total, total_nll, total_kl = 0.0, 0.0, 0.0
        for start in range(0, len(order), a.batch):
            idx = order[start:start + a.batch]
            x = torch.from_numpy(train[idx])
            beta = min(a.beta_max, step / a.total_anneal_steps) if a.total_anneal_steps > 0 else a.beta_max
            logits, mu, logvar = model(x, 0.5)
            nll = -(F.log_softmax(logits, dim=1) * x).sum(dim=1).mean()
            kl = (0.5 * (torch.exp(logvar) + mu * mu - 1 - logvar).sum(dim=1)).mean()
            loss = nll + beta * kl
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if not torch.isfinite(loss):
                sys.exit(f"torch: loss {loss.item()} at epoch {epoch}")
            total += loss.item() * len(idx)
            total_nll += nll.item() * len(idx)
            total_kl += kl.item() * len(idx)
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        n = train.shape[0]
        print(f"torch epoch {epoch}: loss {total / n:.4f} nll {total_nll / n:.4f} kl {total_kl / n:.4f} "
              f"beta {beta:.4f} seconds {seconds[-1]:.4f} cpu {cpu[-1]:.4f}")
    train_s = time.perf_counter() - t_start
    ndcg, r20, r50 = evaluate(model, fold_in, test)
    rest = seconds[1:] if len(seconds) > 1 else seconds
    rest_cpu = cpu[1:] if len(cpu) > 1 else cpu
    print(f"RESULT torch epochs={a.epochs} median_epoch_s={statistics.median(rest):.4f} "
          f"median_epoch_cpu_s={statistics.median(rest_cpu):.4f} "
          f"mean_epoch_s={statistics.mean(rest):.4f} first_epoch_s={seconds[0]:.4f} train_s={train_s:.3f} "
          f"ndcg100={ndcg:.4f} recall20={r20:.4f} recall50={r50:.4f}")


if __name__ == "__main__":
    main()

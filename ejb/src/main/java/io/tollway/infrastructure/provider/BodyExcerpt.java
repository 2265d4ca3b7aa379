package io.tollway.infrastructure.provider;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps only the start of a provider's answer, one line, for messages and logs: a provider that
 * answers with megabytes (or never stops) costs a few hundred bytes and no waiting. The status is
 * what decides; the body is only a clue, so a body that breaks off still yields what came.
 */
final class BodyExcerpt implements HttpResponse.BodySubscriber<String> {

    static final int LIMIT = 300;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> excerpt = new CompletableFuture<>();
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), LIMIT - kept.size());
            byte[] bytes = new byte[take];
            buffer.get(bytes);
            kept.write(bytes, 0, take);
            if (kept.size() >= LIMIT) {
                subscription.cancel();
                finish();
                return;
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        finish();
    }

    @Override
    public void onComplete() {
        finish();
    }

    @Override
    public CompletionStage<String> getBody() {
        return excerpt;
    }

    private void finish() {
        String text = kept.toString(StandardCharsets.UTF_8);
        excerpt.complete(text.replaceAll("\\p{Cntrl}+", " ").strip());
    }
}

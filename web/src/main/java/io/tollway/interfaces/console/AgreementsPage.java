package io.tollway.interfaces.console;

import io.tollway.application.console.AgreementFilter;
import io.tollway.application.console.AgreementRow;
import io.tollway.application.console.AgreementSearch;
import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.domain.model.offering.SettlementModel;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every tenant's agreements, filtered by status, model, provider and consumer, searched, a page
 * at a time. The filters are a GET form: a filtered list is a link one can keep and share.
 */
@Named
@RequestScoped
public class AgreementsPage {

    static final int PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;

    @EJB
    private AgreementSearch search;

    private String status;
    private String model;
    private String provider;
    private String consumer;
    private String q;
    private int page;
    private int size = PAGE_SIZE;

    private AgreementSearch.Page result;
    private AgreementSearch.Parties parties;

    public void load() {
        parties = search.parties();
        try {
            result = search.search(new AgreementFilter(status, model, provider, consumer, q), page, size);
        } catch (IllegalArgumentException bad) {
            ConsoleMessages.error(bad.getMessage());
            result = search.search(AgreementFilter.none(), 0, size);
        }
    }

    public List<AgreementRow> getRows() {
        return result.rows();
    }

    public long getTotal() {
        return result.total();
    }

    public int getPages() {
        return result.pages();
    }

    /** The page shown, counted from 1 for people. */
    public int getPageNumber() {
        return result.page() + 1;
    }

    public boolean isHasPrevious() {
        return result.page() > 0;
    }

    public boolean isHasNext() {
        return result.page() + 1 < result.pages();
    }

    public String getPreviousLink() {
        return link(result.page() - 1);
    }

    public String getNextLink() {
        return link(result.page() + 1);
    }

    /** The same filters on another page. */
    private String link(int target) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("status", status);
        parameters.put("model", model);
        parameters.put("provider", provider);
        parameters.put("consumer", consumer);
        parameters.put("q", q);
        parameters.put("size", size == PAGE_SIZE ? null : Integer.toString(size));
        parameters.put("page", Integer.toString(target));
        return "agreements.xhtml?" + parameters.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public List<String> getStatuses() {
        return Arrays.stream(AgreementStatus.values()).map(Enum::name).toList();
    }

    public List<String> getModels() {
        return Arrays.stream(SettlementModel.values()).map(Enum::name).toList();
    }

    public List<String> getProviders() {
        return parties.providers();
    }

    public List<String> getConsumers() {
        return parties.consumers();
    }

    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public String getConsumer() { return consumer; }
    public void setConsumer(String consumer) { this.consumer = consumer; }
    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
    public int getPage() { return page; }
    public void setPage(int page) { this.page = Math.max(page, 0); }
    public int getSize() { return size; }
    /** Rows a page, 1 to {@value #MAX_PAGE_SIZE}; 25 unless asked. */
    public void setSize(int size) { this.size = Math.max(1, Math.min(size, MAX_PAGE_SIZE)); }
}

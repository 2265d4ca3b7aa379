package io.tollway.interfaces.console;

import io.tollway.application.offering.OfferingCatalog;
import io.tollway.application.offering.OfferingView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/** Every offering, newest first, a page at a time. */
@Named
@RequestScoped
public class OfferingsPage {

    static final int PAGE_SIZE = 25;

    @EJB
    private OfferingCatalog catalog;

    private int page;
    private List<OfferingView> offerings;
    private long total;

    public void load() {
        total = catalog.count();
        offerings = catalog.page(page * PAGE_SIZE, PAGE_SIZE);
    }

    public List<OfferingView> getOfferings() {
        return offerings;
    }

    public long getTotal() {
        return total;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(page, 0);
    }

    public int getPageNumber() {
        return page + 1;
    }

    public int getPages() {
        return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public boolean isHasPrevious() {
        return page > 0;
    }

    public boolean isHasNext() {
        return page + 1 < getPages();
    }
}

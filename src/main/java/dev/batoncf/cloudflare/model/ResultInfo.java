package dev.batoncf.cloudflare.model;

/**
 * Paging facts of a collection. {@code totalPages} is only declared by the newer Access schemas; the
 * IAM lists give {@code totalCount} and the page count has to be computed.
 */
public record ResultInfo(
    Integer page, Integer perPage, Integer count, Integer totalCount, Integer totalPages) {}

package dev.batoncf.cloudflare.model;

/** A risk type or content category of the intel APIs: {@code {id, name, super_category_id}}. */
public record IntelCategory(Integer id, String name, Integer superCategoryId) {}

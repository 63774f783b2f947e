namespace WorkflowService.AfterSales.Persistence;

/// <summary>
/// One gram of a customer's search text (<see cref="Customers.SearchGrams"/>): the customer search reads the customers
/// of a fragment's rarest gram. Rewritten with the search text, in the same transaction, wherever that is set.
/// </summary>
public sealed class CustomerSearchGramRecord
{
    public required string Gram { get; set; }
    public Guid CustomerId { get; set; }
}

namespace WorkflowService.AfterSales.Persistence;

/// <summary>
/// One gram of a customer's search text (<see cref="Customers.SearchGrams"/>): the customer search reads the customers
/// of a fragment's rarest gram. Rewritten with the search text, in the same transaction, wherever that is set.
/// </summary>
public sealed class CustomerSearchGramRecord
{
    public required string Gram { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>
    /// The customer's name, copied: the search's order. Indexed as (<see cref="Gram"/>, Name, <see cref="CustomerId"/>),
    /// a gram's customers are read in name order and the first 50 that match end the read, instead of all of a common
    /// gram's customers being read and sorted first. Set with the grams, wherever the name is (a rename too).
    /// </summary>
    public required string Name { get; set; }
}

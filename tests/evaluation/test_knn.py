import torch

from mmgl.evaluation import knn_accuracy, knn_predict


def test_nearest_neighbour_by_cosine_not_euclid():
    bank = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    labels = torch.tensor([0, 1])
    # closer to [0, 1] in Euclid but pointing along [1, 0]: cosine decides
    query = torch.tensor([[10.0, 0.5], [0.1, 3.0]])
    assert knn_predict(bank, labels, query, k=1, num_classes=2).tolist() == [0, 1]


def test_majority_vote_and_weighted_vote_differ():
    bank = torch.tensor([[1.0, 0.0], [0.6, 0.8], [0.6, 0.8]])
    labels = torch.tensor([0, 1, 1])
    query = torch.tensor([[1.0, 0.05]])
    assert knn_predict(bank, labels, query, k=3, num_classes=2).item() == 1  # 2 votes to 1
    # the near-identical neighbour dominates once votes are weighted by similarity
    assert knn_predict(bank, labels, query, k=3, num_classes=2, weighted=True).item() == 0


def test_accuracy_on_separable_clusters():
    g = torch.Generator().manual_seed(0)
    centres = torch.eye(4) * 5
    train_labels = torch.arange(4).repeat(10)
    test_labels = torch.arange(4).repeat(5)
    train = centres[train_labels] + torch.randn(40, 4, generator=g) * 0.3
    test = centres[test_labels] + torch.randn(20, 4, generator=g) * 0.3
    acc = knn_accuracy(train, train_labels, test, test_labels, ks=(1, 20))
    assert acc == {'knn/top1_k1': 1.0, 'knn/top1_k20': 1.0}
    shuffled = knn_accuracy(train, train_labels[torch.randperm(40, generator=g)], test,
                            test_labels, ks=(20,))
    assert shuffled['knn/top1_k20'] < 0.7
